package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.desired.StackInputs;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.tenant.desired.NetworkPolicyDesired;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The tenant's isolating NetworkPolicy. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class NetworkPolicyDependent extends TenantDependent<NetworkPolicy> {
    public NetworkPolicyDependent() {
        super(NetworkPolicy.class, TenantDependentKey.NETWORK_POLICY);
    }

    @Override
    NetworkPolicy build(Tenant tenant, StackInputs inputs) {
        return NetworkPolicyDesired.build(tenant, inputs.settings());
    }
}
