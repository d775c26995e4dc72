package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flowstack.crds.v1alpha1.tenant.DatabaseMode;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The managed PostgreSQL's objects exist only in mode Managed; switching away deletes them (the volume stays). */
public class ManagedDatabaseCondition implements Condition<HasMetadata, Tenant> {
    public static boolean isManaged(Tenant tenant) {
        return tenant.getSpec().database == null || tenant.getSpec().database.mode == null
                || tenant.getSpec().database.mode == DatabaseMode.Managed;
    }

    @Override
    public boolean isMet(DependentResource<HasMetadata, Tenant> dependent, Tenant tenant, Context<Tenant> context) {
        return isManaged(tenant);
    }
}
