package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * A reconcile precondition that depends on the Tenant's spec alone, so {@code flowstack render} can evaluate it
 * offline: when it does not hold, the object is not made (and an existing one is deleted).
 */
public abstract class TenantCondition implements Condition<HasMetadata, Tenant> {
    public abstract boolean holds(Tenant tenant);

    @Override
    public boolean isMet(DependentResource<HasMetadata, Tenant> dependent, Tenant tenant, Context<Tenant> context) {
        return holds(tenant);
    }
}
