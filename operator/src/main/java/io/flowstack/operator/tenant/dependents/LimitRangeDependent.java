package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.TenantLabels;
import io.flowstack.operator.tenant.TenantNames;
import io.flowstack.operator.tenant.desired.LimitRangeDesired;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The tenant's LimitRange, present while spec.limits is set. */
@KubernetesDependent(informer = @Informer(labelSelector = TenantLabels.MANAGED_SELECTOR))
public class LimitRangeDependent extends TenantDependent<LimitRange> {
    public LimitRangeDependent() {
        super(LimitRange.class, TenantNames.LIMITS);
    }

    @Override
    protected LimitRange desired(Tenant tenant, Context<Tenant> context) {
        return LimitRangeDesired.build(tenant);
    }

    /** Whether the tenant asks for this object; when not, an existing one is deleted. */
    public static class Enabled implements Condition<LimitRange, Tenant> {
        @Override
        public boolean isMet(DependentResource<LimitRange, Tenant> dependent, Tenant tenant, Context<Tenant> context) {
            return tenant.getSpec().limits != null;
        }
    }
}
