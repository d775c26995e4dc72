package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.desired.StackInputs;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.tenant.desired.LimitRangeDesired;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The tenant's LimitRange, present while spec.limits is set. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class LimitRangeDependent extends TenantDependent<LimitRange> {
    public LimitRangeDependent() {
        super(LimitRange.class, TenantDependentKey.LIMITS);
    }

    @Override
    LimitRange build(Tenant tenant, StackInputs inputs) {
        return LimitRangeDesired.build(tenant);
    }
}
