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
import java.util.Map;

/**
 * The runtime's database credentials (host, port, database, user, password). The password is generated once and kept;
 * the other keys follow the database's endpoint.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class DatabaseSecretDependent extends TenantDependent<Secret> {
    public DatabaseSecretDependent() {
        super(Secret.class, TenantDependentKey.DATABASE_SECRET);
    }

    @Override
    Secret build(Tenant tenant, StackInputs inputs) {
        return SecretsDesired.databaseCredentials(tenant, inputs.currentSecret(tenant, StackNames.DATABASE_SECRET),
                inputs.databaseEndpoint(), inputs.databasePassword(), inputs.secretValues());
    }

    /** Matches when every key but the password has its desired value and a password exists. */
    @Override
    public Matcher.Result<Secret> match(Secret actual, Tenant tenant, Context<Tenant> context) {
        Map<String, String> data = actual.getData();
        if (data == null || data.get(SecretKeys.DB_PASSWORD) == null) {
            return Matcher.Result.nonComputed(false);
        }
        Secret desired = desired(tenant, context);
        boolean same = desired.getData().equals(data)
                && Labels.of(tenant, Labels.COMPONENT_DATABASE).entrySet().stream()
                .allMatch(e -> e.getValue().equals(actual.getMetadata().getLabels() == null ? null
                        : actual.getMetadata().getLabels().get(e.getKey())));
        return Matcher.Result.computed(same, desired);
    }
}
