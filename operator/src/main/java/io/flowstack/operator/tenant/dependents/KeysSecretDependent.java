package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.Secret;
import io.flowstack.contract.SecretKeys;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.common.StackNames;
import io.flowstack.operator.tenant.desired.SecretsDesired;
import io.flowstack.operator.tenant.desired.StackInputs;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The runtime's generated keys. An existing Secret matches as long as it was made for the tenant's current rotation
 * value: its values are never compared, so a reconcile never regenerates them.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class KeysSecretDependent extends TenantDependent<Secret> {
    public KeysSecretDependent() {
        super(Secret.class, TenantDependentKey.KEYS_SECRET);
    }

    @Override
    Secret build(Tenant tenant, StackInputs inputs) {
        return SecretsDesired.keys(tenant, inputs.currentSecret(tenant, StackNames.KEYS_SECRET), inputs.secretValues());
    }

    @Override
    public Matcher.Result<Secret> match(Secret actual, Tenant tenant, Context<Tenant> context) {
        return Matcher.Result.nonComputed(SecretsDesired.isCurrent(actual, tenant) && actual.getData() != null
                && actual.getData().containsKey(SecretKeys.API_TOKEN));
    }
}
