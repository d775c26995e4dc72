package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.desired.StackInputs;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.tenant.desired.RuntimeDesired;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The runtime's PodDisruptionBudget. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class RuntimePdbDependent extends TenantDependent<PodDisruptionBudget> {
    public RuntimePdbDependent() {
        super(PodDisruptionBudget.class, TenantDependentKey.RUNTIME_PDB);
    }

    @Override
    PodDisruptionBudget build(Tenant tenant, StackInputs inputs) {
        return RuntimeDesired.podDisruptionBudget(tenant);
    }
}
