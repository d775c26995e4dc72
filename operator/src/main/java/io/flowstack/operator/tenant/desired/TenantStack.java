package io.flowstack.operator.tenant.desired;

import io.flowstack.operator.definitions.DefinitionShards;
import io.flowstack.operator.definitions.Projection;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.OperatorSettings;
import io.flowstack.operator.tenant.dependents.ManagedDatabaseCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the operator creates for one Tenant, in the order it creates them, from the same builders the dependents
 * use. {@code flowstack render} prints it; tests compare the cluster with it.
 */
public final class TenantStack {
    private TenantStack() {
    }

    public static List<HasMetadata> desired(Tenant tenant, OperatorSettings settings, SecretValues values) {
        return desired(tenant, settings, values, DatabaseEndpoint.managed(tenant));
    }

    /** The stack with the database endpoint the reconciler resolved (a Shared or External database). */
    public static List<HasMetadata> desired(Tenant tenant, OperatorSettings settings, SecretValues values,
                                            DatabaseEndpoint endpoint) {
        return desired(tenant, settings, values, endpoint, Projection.none());
    }

    /** The stack with the database endpoint and the definitions of the tenant's namespace projected into it. */
    public static List<HasMetadata> desired(Tenant tenant, OperatorSettings settings, SecretValues values,
                                            DatabaseEndpoint endpoint, Projection.Result definitions) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(NamespaceDesired.build(tenant));
        if (tenant.getSpec().quota != null) {
            objects.add(QuotaDesired.build(tenant));
        }
        if (tenant.getSpec().limits != null) {
            objects.add(LimitRangeDesired.build(tenant));
        }
        objects.add(NetworkPolicyDesired.build(tenant, settings));
        objects.add(RbacDesired.runtimeServiceAccount(tenant));
        if (!tenant.getSpec().owners.isEmpty()) {
            objects.add(RbacDesired.ownersBinding(tenant));
        }
        Secret keys = SecretsDesired.keys(tenant, Optional.empty(), values);
        Secret database = SecretsDesired.databaseCredentials(tenant, Optional.empty(), endpoint, Optional.empty(), values);
        objects.add(keys);
        objects.add(database);
        if (ManagedDatabaseCondition.isManaged(tenant)) {
            objects.add(DatabaseDesired.service(tenant));
            objects.add(DatabaseDesired.statefulSet(tenant, settings));
        }
        objects.add(RuntimeDesired.service(tenant));
        objects.add(RuntimeDesired.podDisruptionBudget(tenant));
        objects.addAll(DefinitionShards.plan(tenant, definitions.definitions()).shards());
        objects.add(RuntimeDesired.deployment(tenant, settings, SecretsDesired.checksum(keys, database),
                definitions.credentials()));
        return objects;
    }
}
