package io.flowstack.crds.v1alpha1.integration;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A connection to an outside service that workflows call. */
@com.fasterxml.jackson.annotation.JsonClassDescription("A connection to an outside service (an AI API, Slack, HubSpot, any HTTP API) that workflow steps use by name: its type, base URL and the Secret holding its credentials, checked by the runtime. Lives in a tenant's namespace.")
@Group("flowstack.io")
@Version("v1alpha1")
@Kind("Integration")
@Plural("integrations")
@Singular("integration")
@ShortNames("fsint")
@Categories("flowstack")
@AdditionalPrinterColumn(name = "Type", jsonPath = ".spec.type", getDescription = "Kind of service")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        getDescription = "Whether the secret is complete and the service answers")
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
        getDescription = "Why the integration is or is not ready")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE, getDescription = "Time since creation")
public class Integration extends CustomResource<IntegrationSpec, IntegrationStatus> implements Namespaced {

    @Override
    @JsonPropertyDescription("The outside service and how to reach it.")
    public IntegrationSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Whether the credentials are complete and the service answers; written only by the operator.")
    public IntegrationStatus getStatus() {
        return super.getStatus();
    }
}
