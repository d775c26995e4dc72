package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.Secret;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.TenantLabels;
import io.flowstack.operator.tenant.TenantNames;
import io.flowstack.operator.tenant.desired.SecretValues;
import io.flowstack.operator.tenant.desired.SecretsDesired;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The runtime's generated keys. An existing Secret matches as long as it was made for the tenant's current rotation
 * value: its values are never compared, so a reconcile never regenerates them.
 */
@KubernetesDependent(informer = @Informer(labelSelector = TenantLabels.MANAGED_SELECTOR))
public class KeysSecretDependent extends TenantDependent<Secret> {
    public KeysSecretDependent() {
        super(Secret.class, TenantNames.KEYS_SECRET);
    }

    @Override
    protected Secret desired(Tenant tenant, Context<Tenant> context) {
        return SecretsDesired.keys(tenant, getSecondaryResource(tenant, context), values(context));
    }

    @Override
    public Matcher.Result<Secret> match(Secret actual, Tenant tenant, Context<Tenant> context) {
        return SecretsDesired.isCurrent(actual, tenant) && actual.getData() != null
                && actual.getData().containsKey(SecretsDesired.API_TOKEN)
                ? Matcher.Result.nonComputed(true) : Matcher.Result.nonComputed(false);
    }

    static SecretValues values(Context<Tenant> context) {
        return context.managedWorkflowAndDependentResourceContext()
                .get(SecretValues.class.getName(), SecretValues.class)
                .orElseGet(SecretValues::secure);
    }
}
