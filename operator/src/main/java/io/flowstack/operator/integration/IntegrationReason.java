package io.flowstack.operator.integration;

import io.flowstack.operator.common.Reason;

/** The reasons of an Integration's conditions (Valid, SecretReady, Connected, Ready). */
public enum IntegrationReason implements Reason {
    Valid(false),
    /** The spec fails validation. */
    InvalidSpec(true),
    /** The Integration's namespace belongs to no Tenant. */
    NotInTenantNamespace(true),
    SecretReady(false),
    /** The referenced Secret, or a key its type needs, is missing. */
    SecretNotReady(true),
    Connected(false),
    /** The runtime's check of the service failed. */
    CheckFailed(true),
    /** Ready=False because the connectivity check failed. */
    ConnectionFailed(true),
    /** Not checked yet: the tenant's runtime is not ready. */
    RuntimeNotReady(false),
    /** Not checked yet: the runtime has not loaded the Integration. */
    NotLoaded(false),
    /** The tenant's runtime could not be asked to check. */
    RuntimeUnreachable(true);

    private final boolean problem;

    IntegrationReason(boolean problem) {
        this.problem = problem;
    }

    @Override
    public boolean problem() {
        return problem;
    }
}
