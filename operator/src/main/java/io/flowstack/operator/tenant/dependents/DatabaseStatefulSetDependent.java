package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.desired.StackInputs;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.common.Readiness;
import io.flowstack.operator.tenant.desired.DatabaseDesired;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The managed PostgreSQL StatefulSet (mode Managed). */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class DatabaseStatefulSetDependent extends TenantDependent<StatefulSet> {
    public DatabaseStatefulSetDependent() {
        super(StatefulSet.class, TenantDependentKey.DATABASE);
    }

    @Override
    StatefulSet build(Tenant tenant, StackInputs inputs) {
        return DatabaseDesired.statefulSet(tenant, inputs.settings());
    }

    /**
     * The desired StatefulSet keeps the volume claim templates it was created with: an API server refuses to change
     * them. A new storage size reaches the database's volume through {@code ManagedVolumes} instead.
     */
    @Override
    protected StatefulSet desired(Tenant tenant, Context<Tenant> context) {
        StatefulSet desired = super.desired(tenant, context);
        getSecondaryResource(tenant, context).ifPresent(live ->
                desired.getSpec().setVolumeClaimTemplates(live.getSpec().getVolumeClaimTemplates()));
        return desired;
    }

    /** Ready when its one pod is ready for the current revision. */
    public static class Ready implements Condition<StatefulSet, Tenant> {
        @Override
        public boolean isMet(DependentResource<StatefulSet, Tenant> dependent, Tenant tenant, Context<Tenant> context) {
            return dependent.getSecondaryResource(tenant, context).map(Readiness::isReady).orElse(false);
        }
    }
}
