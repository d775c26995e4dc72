package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.desired.StackInputs;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.tenant.desired.QuotaDesired;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The tenant's ResourceQuota, present while spec.quota is set. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class QuotaDependent extends TenantDependent<ResourceQuota> {
    public QuotaDependent() {
        super(ResourceQuota.class, TenantDependentKey.QUOTA);
    }

    @Override
    ResourceQuota build(Tenant tenant, StackInputs inputs) {
        return QuotaDesired.build(tenant);
    }
}
