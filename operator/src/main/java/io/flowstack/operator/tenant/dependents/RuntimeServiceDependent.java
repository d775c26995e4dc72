package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.Service;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.TenantLabels;
import io.flowstack.operator.tenant.TenantNames;
import io.flowstack.operator.tenant.desired.RuntimeDesired;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The runtime's Service. */
@KubernetesDependent(informer = @Informer(labelSelector = TenantLabels.MANAGED_SELECTOR))
public class RuntimeServiceDependent extends TenantDependent<Service> {
    public RuntimeServiceDependent() {
        super(Service.class, TenantNames.RUNTIME);
    }

    @Override
    protected Service desired(Tenant tenant, Context<Tenant> context) {
        return RuntimeDesired.service(tenant);
    }
}
