package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.TenantLabels;
import io.flowstack.operator.tenant.TenantNames;
import io.flowstack.operator.tenant.desired.NetworkPolicyDesired;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The tenant's isolating NetworkPolicy. */
@KubernetesDependent(informer = @Informer(labelSelector = TenantLabels.MANAGED_SELECTOR))
public class NetworkPolicyDependent extends TenantDependent<NetworkPolicy> {
    public NetworkPolicyDependent() {
        super(NetworkPolicy.class, TenantNames.NETWORK_POLICY);
    }

    @Override
    protected NetworkPolicy desired(Tenant tenant, Context<Tenant> context) {
        return NetworkPolicyDesired.build(tenant, settings(context));
    }
}
