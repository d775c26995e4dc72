package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.TenantLabels;
import io.flowstack.operator.tenant.TenantNames;
import io.flowstack.operator.tenant.desired.DatabaseDesired;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The managed PostgreSQL StatefulSet (mode Managed). */
@KubernetesDependent(informer = @Informer(labelSelector = TenantLabels.MANAGED_SELECTOR))
public class DatabaseStatefulSetDependent extends TenantDependent<StatefulSet> {
    public DatabaseStatefulSetDependent() {
        super(StatefulSet.class, TenantNames.DATABASE);
    }

    @Override
    protected StatefulSet desired(Tenant tenant, Context<Tenant> context) {
        return DatabaseDesired.statefulSet(tenant, settings(context));
    }

    /** Ready when its one pod is ready for the current revision. */
    public static class Ready implements Condition<StatefulSet, Tenant> {
        @Override
        public boolean isMet(DependentResource<StatefulSet, Tenant> dependent, Tenant tenant, Context<Tenant> context) {
            return dependent.getSecondaryResource(tenant, context).map(Readiness::isReady).orElse(false);
        }
    }
}
