package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.Service;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.desired.StackInputs;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.tenant.desired.RuntimeDesired;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The runtime's Service. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class RuntimeServiceDependent extends TenantDependent<Service> {
    public RuntimeServiceDependent() {
        super(Service.class, TenantDependentKey.RUNTIME_SERVICE);
    }

    @Override
    Service build(Tenant tenant, StackInputs inputs) {
        return RuntimeDesired.service(tenant);
    }
}
