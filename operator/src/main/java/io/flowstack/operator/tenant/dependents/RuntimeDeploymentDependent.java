package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.definitions.DefinitionsProjector;
import io.flowstack.operator.definitions.Projection;
import java.util.List;
import io.flowstack.operator.tenant.TenantLabels;
import io.flowstack.operator.tenant.TenantNames;
import io.flowstack.operator.tenant.desired.RuntimeDesired;
import io.flowstack.operator.tenant.desired.SecretsDesired;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The runtime Deployment; its pod template carries the checksum of the Secrets it reads. */
@KubernetesDependent(informer = @Informer(labelSelector = TenantLabels.MANAGED_SELECTOR))
public class RuntimeDeploymentDependent extends TenantDependent<Deployment> {
    public RuntimeDeploymentDependent() {
        super(Deployment.class, TenantNames.RUNTIME);
    }

    @Override
    protected Deployment desired(Tenant tenant, Context<Tenant> context) {
        Secret keys = secret(context, tenant, TenantNames.KEYS_SECRET);
        Secret database = secret(context, tenant, TenantNames.DATABASE_SECRET);
        @SuppressWarnings("unchecked")
        List<Projection.CredentialFile> credentials = context.managedWorkflowAndDependentResourceContext()
                .get(DefinitionsProjector.CREDENTIALS_CONTEXT_KEY, List.class).orElse(List.of());
        return RuntimeDesired.deployment(tenant, settings(context), SecretsDesired.checksum(keys, database), credentials);
    }

    private static Secret secret(Context<Tenant> context, Tenant tenant, String name) {
        return Secondaries.find(context, Secret.class, "keys-secret", new ResourceID(name, tenant.targetNamespace()))
                .orElse(null);
    }

    /** Ready when all desired replicas run the current template and are ready. */
    public static class Ready implements Condition<Deployment, Tenant> {
        @Override
        public boolean isMet(DependentResource<Deployment, Tenant> dependent, Tenant tenant, Context<Tenant> context) {
            return dependent.getSecondaryResource(tenant, context).map(Readiness::isReady).orElse(false);
        }
    }
}
