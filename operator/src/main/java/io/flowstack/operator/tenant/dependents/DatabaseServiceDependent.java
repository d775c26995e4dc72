package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.Service;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.TenantLabels;
import io.flowstack.operator.tenant.TenantNames;
import io.flowstack.operator.tenant.desired.DatabaseDesired;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The managed database's headless Service (mode Managed). */
@KubernetesDependent(informer = @Informer(labelSelector = TenantLabels.MANAGED_SELECTOR))
public class DatabaseServiceDependent extends TenantDependent<Service> {
    public DatabaseServiceDependent() {
        super(Service.class, TenantNames.DATABASE);
    }

    @Override
    protected Service desired(Tenant tenant, Context<Tenant> context) {
        return DatabaseDesired.service(tenant);
    }

    /** Whether the tenant asks for this object; when not, an existing one is deleted. */
    public static class Enabled implements Condition<Service, Tenant> {
        @Override
        public boolean isMet(DependentResource<Service, Tenant> dependent, Tenant tenant, Context<Tenant> context) {
            return ManagedDatabaseCondition.isManaged(tenant);
        }
    }
}
