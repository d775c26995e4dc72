package io.flowstack.crds.v1alpha1.integration;

/** Kinds of outside services; {@link IntegrationCatalog} says what each offers and needs. */
public enum IntegrationType {
    http, slack, openai, hubspot, smtp
}
