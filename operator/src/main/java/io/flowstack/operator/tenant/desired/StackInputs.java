package io.flowstack.operator.tenant.desired;

import io.fabric8.kubernetes.api.model.Secret;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.definitions.DefinitionShards;
import io.flowstack.operator.definitions.Projection;
import java.util.Optional;

/**
 * Everything a tenant's objects are built from besides the Tenant itself. In the cluster the reconciler gathers it
 * once per reconcile (provisioned database, projected definitions) and reads the Secrets from its caches; offline,
 * {@code flowstack render} gives placeholders. Every builder is a pure function of (Tenant, StackInputs).
 */
public interface StackInputs {
    OperatorSettings settings();

    /** Source of generated secret values. */
    SecretValues secretValues();

    /** Where the runtime finds its database: the managed one, or what provisioning found (Shared, External). */
    DatabaseEndpoint databaseEndpoint();

    /** The database password (base64, as in Secret data) when it is not generated here (Shared, External). */
    Optional<String> databasePassword();

    /** The operator's Secret of this name in the tenant's namespace as it is now (offline: as it would be made). */
    Optional<Secret> currentSecret(Tenant tenant, String name);

    /** What of the namespace's Workflows and Integrations reaches the runtime (and the credential files it needs). */
    Projection.Result definitions();

    /** The definitions ConfigMaps that hold {@link #definitions()}. */
    DefinitionShards.Plan definitionsPlan();
}
