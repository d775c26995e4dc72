package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.TenantLabels;
import io.flowstack.operator.tenant.TenantNames;
import io.flowstack.operator.tenant.desired.RuntimeDesired;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The runtime's PodDisruptionBudget. */
@KubernetesDependent(informer = @Informer(labelSelector = TenantLabels.MANAGED_SELECTOR))
public class RuntimePdbDependent extends TenantDependent<PodDisruptionBudget> {
    public RuntimePdbDependent() {
        super(PodDisruptionBudget.class, TenantNames.RUNTIME);
    }

    @Override
    protected PodDisruptionBudget desired(Tenant tenant, Context<Tenant> context) {
        return RuntimeDesired.podDisruptionBudget(tenant);
    }
}
