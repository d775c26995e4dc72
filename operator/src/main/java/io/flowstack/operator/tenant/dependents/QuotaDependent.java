package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.TenantLabels;
import io.flowstack.operator.tenant.TenantNames;
import io.flowstack.operator.tenant.desired.QuotaDesired;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The tenant's ResourceQuota, present while spec.quota is set. */
@KubernetesDependent(informer = @Informer(labelSelector = TenantLabels.MANAGED_SELECTOR))
public class QuotaDependent extends TenantDependent<ResourceQuota> {
    public QuotaDependent() {
        super(ResourceQuota.class, TenantNames.QUOTA);
    }

    @Override
    protected ResourceQuota desired(Tenant tenant, Context<Tenant> context) {
        return QuotaDesired.build(tenant);
    }

    /** Whether the tenant asks for this object; when not, an existing one is deleted. */
    public static class Enabled implements Condition<ResourceQuota, Tenant> {
        @Override
        public boolean isMet(DependentResource<ResourceQuota, Tenant> dependent, Tenant tenant, Context<Tenant> context) {
            return tenant.getSpec().quota != null;
        }
    }
}
