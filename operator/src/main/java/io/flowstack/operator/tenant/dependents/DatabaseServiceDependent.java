package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.Service;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.desired.StackInputs;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.tenant.desired.DatabaseDesired;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The managed database's headless Service (mode Managed). */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class DatabaseServiceDependent extends TenantDependent<Service> {
    public DatabaseServiceDependent() {
        super(Service.class, TenantDependentKey.DATABASE_SERVICE);
    }

    @Override
    Service build(Tenant tenant, StackInputs inputs) {
        return DatabaseDesired.service(tenant);
    }
}
