package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.desired.StackInputs;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.tenant.desired.RbacDesired;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The runtime's ServiceAccount, without API token. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class RuntimeServiceAccountDependent extends TenantDependent<ServiceAccount> {
    public RuntimeServiceAccountDependent() {
        super(ServiceAccount.class, TenantDependentKey.RUNTIME_SERVICE_ACCOUNT);
    }

    @Override
    ServiceAccount build(Tenant tenant, StackInputs inputs) {
        return RbacDesired.runtimeServiceAccount(tenant);
    }
}
