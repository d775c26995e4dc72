package io.flowstack.operator.backup.dependents;

import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.OperatorSettings;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/** What a policy's Jobs are built from besides the policy: the Tenant of its namespace and the operator's settings. */
public record BackupInputs(Tenant tenant, OperatorSettings settings) {
    private static final String KEY = BackupInputs.class.getName();

    public void attach(Context<BackupPolicy> context) {
        context.managedWorkflowAndDependentResourceContext().put(KEY, this);
    }

    static BackupInputs of(Context<BackupPolicy> context) {
        return context.managedWorkflowAndDependentResourceContext().get(KEY, BackupInputs.class)
                .orElseThrow(() -> new IllegalStateException("the BackupPolicy reconciler attaches BackupInputs first"));
    }
}
