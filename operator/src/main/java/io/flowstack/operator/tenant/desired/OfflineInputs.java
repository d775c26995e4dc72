package io.flowstack.operator.tenant.desired;

import io.fabric8.kubernetes.api.model.Secret;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.common.StackNames;
import io.flowstack.operator.definitions.DefinitionShards;
import io.flowstack.operator.definitions.Projection;
import java.util.Optional;

/**
 * Inputs with no cluster: the Secrets are as the operator would first make them, the database endpoint and the
 * projection are given. {@code flowstack render} and tests build stacks from these.
 */
public record OfflineInputs(Tenant tenant, OperatorSettings settings, SecretValues secretValues,
                           DatabaseEndpoint databaseEndpoint, Projection.Result definitions) implements StackInputs {

    @Override
    public Optional<String> databasePassword() {
        return Optional.empty();
    }

    @Override
    public Optional<Secret> currentSecret(Tenant tenant, String name) {
        return switch (name) {
            case StackNames.KEYS_SECRET -> Optional.of(SecretsDesired.keys(tenant, Optional.empty(), secretValues));
            case StackNames.DATABASE_SECRET -> Optional.of(SecretsDesired.databaseCredentials(tenant, Optional.empty(),
                    databaseEndpoint, Optional.empty(), secretValues));
            default -> Optional.empty();
        };
    }

    @Override
    public DefinitionShards.Plan definitionsPlan() {
        return DefinitionShards.plan(tenant, definitions.definitions());
    }
}
