package io.flowstack.operator.workflow;

import io.flowstack.operator.common.Reason;

/** The reasons of a Workflow's conditions (Valid, Deployed, Ready). */
public enum WorkflowReason implements Reason {
    Valid(false),
    /** The spec fails validation; status.validationErrors has every error's field path. */
    InvalidSpec(true),
    /** The Workflow's namespace belongs to no Tenant. */
    NotInTenantNamespace(true),
    /** The current revision is in the runtime's definitions. */
    Projected(false),
    /** The last valid revision stays projected while the current one is invalid. */
    PreviousRevision(false),
    Projecting(false),
    /** Larger than a definitions ConfigMap holds. */
    TooLarge(true),
    /** All definitions ConfigMaps are full. */
    NoRoom(true),
    Running(false),
    Suspended(false),
    NotDeployed(false),
    Loading(false),
    /** The Tenant is suspended in maintenance mode: its runtime runs nothing and answers 503. */
    Maintenance(false),
    /** The tenant's runtime could not be asked for its state. */
    RuntimeUnreachable(true);

    private final boolean problem;

    WorkflowReason(boolean problem) {
        this.problem = problem;
    }

    @Override
    public boolean problem() {
        return problem;
    }
}
