package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.TenantLabels;
import io.flowstack.operator.tenant.TenantNames;
import io.flowstack.operator.tenant.desired.RbacDesired;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The runtime's ServiceAccount, without API token. */
@KubernetesDependent(informer = @Informer(labelSelector = TenantLabels.MANAGED_SELECTOR))
public class RuntimeServiceAccountDependent extends TenantDependent<ServiceAccount> {
    public RuntimeServiceAccountDependent() {
        super(ServiceAccount.class, TenantNames.RUNTIME_SERVICE_ACCOUNT);
    }

    @Override
    protected ServiceAccount desired(Tenant tenant, Context<Tenant> context) {
        return RbacDesired.runtimeServiceAccount(tenant);
    }
}
