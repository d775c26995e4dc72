package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.common.Readiness;
import io.flowstack.operator.common.StackNames;
import io.flowstack.operator.tenant.desired.RuntimeDesired;
import io.flowstack.operator.tenant.desired.SecretsDesired;
import io.flowstack.operator.tenant.desired.StackInputs;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The runtime Deployment; its pod template carries the checksum of the Secrets it reads. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class RuntimeDeploymentDependent extends TenantDependent<Deployment> {
    public RuntimeDeploymentDependent() {
        super(Deployment.class, TenantDependentKey.RUNTIME);
    }

    @Override
    Deployment build(Tenant tenant, StackInputs inputs) {
        String checksum = SecretsDesired.checksum(inputs.currentSecret(tenant, StackNames.KEYS_SECRET).orElse(null),
                inputs.currentSecret(tenant, StackNames.DATABASE_SECRET).orElse(null));
        return RuntimeDesired.deployment(tenant, inputs.settings(), checksum, inputs.definitions().credentials());
    }

    /** Ready when all desired replicas run the current template and are ready. */
    public static class Ready implements Condition<Deployment, Tenant> {
        @Override
        public boolean isMet(DependentResource<Deployment, Tenant> dependent, Tenant tenant, Context<Tenant> context) {
            return dependent.getSecondaryResource(tenant, context).map(Readiness::isReady).orElse(false);
        }
    }
}
