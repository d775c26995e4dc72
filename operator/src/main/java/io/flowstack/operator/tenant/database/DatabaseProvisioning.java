package io.flowstack.operator.tenant.database;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowstack.crds.v1alpha1.common.SecretRef;
import io.flowstack.crds.v1alpha1.tenant.DatabaseMode;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.tenant.TenantProblem;
import io.flowstack.operator.tenant.TenantReason;
import io.flowstack.operator.tenant.desired.DatabaseEndpoint;
import io.flowstack.operator.tenant.desired.SecretValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Provisions a tenant's database before any object is made: for Shared, the role and database are created on the
 * shared server (DDL, idempotent); for External, the connection Secret is read and checked. Managed needs nothing
 * here (its PostgreSQL is a dependent). The outcome is where the runtime finds its database, or the problem.
 */
public final class DatabaseProvisioning {
    private final SharedDatabases sharedDatabases;

    public DatabaseProvisioning(SharedDatabases sharedDatabases) {
        this.sharedDatabases = sharedDatabases;
    }

    /** The database endpoint and password (base64), or the problem that keeps the tenant from having them. */
    public record Provisioned(Optional<TenantProblem> problem, Optional<DatabaseEndpoint> endpoint,
                             Optional<String> password) {
        static Provisioned managed() {
            return new Provisioned(Optional.empty(), Optional.empty(), Optional.empty());
        }

        public static Provisioned problem(TenantReason reason, String message) {
            return new Provisioned(Optional.of(new TenantProblem(reason, message)), Optional.empty(), Optional.empty());
        }
    }

    /**
     * @param existingCredentials the tenant's current database Secret, if the operator made one already
     */
    public Provisioned provision(Tenant tenant, KubernetesClient client, OperatorSettings settings,
                              Optional<Secret> existingCredentials, SecretValues values) {
        DatabaseMode mode = tenant.getSpec().database.mode == null ? DatabaseMode.Managed : tenant.getSpec().database.mode;
        return switch (mode) {
            case Managed -> Provisioned.managed();
            case External -> external(tenant, client, settings);
            case Shared -> shared(tenant, client, settings, existingCredentials, values);
        };
    }

    private Provisioned shared(Tenant tenant, KubernetesClient client, OperatorSettings settings,
                              Optional<Secret> existingCredentials, SecretValues values) {
        SecretRef ref = tenant.getSpec().database.adminSecretRef;
        Optional<Secret> admin = read(client, ref, settings.operatorNamespace());
        if (admin.isEmpty()) {
            return Provisioned.problem(TenantReason.SecretMissing, "spec.database.adminSecretRef: Secret "
                    + where(ref, settings) + " not found: create it with keys host, port, user and password");
        }
        SharedServer server;
        try {
            server = SharedServer.fromSecret(admin.get());
        } catch (IllegalArgumentException e) {
            return Provisioned.problem(TenantReason.SecretKeyMissing, "spec.database.adminSecretRef: " + e.getMessage());
        }
        String name = SharedDatabases.nameFor(tenant.getMetadata().getName());
        String password = existingCredentials.map(Secret::getData).map(d -> d.get("password"))
                .map(DatabaseProvisioning::decode).orElseGet(() -> values.random(24));
        try {
            sharedDatabases.ensure(server, name, password);
        } catch (SharedDatabases.ProvisioningException e) {
            return e.unreachable()
                    ? Provisioned.problem(TenantReason.DatabaseUnreachable, e.getMessage() + ": check that the server"
                    + " in Secret " + where(ref, settings) + " is reachable from the operator")
                    : Provisioned.problem(TenantReason.DatabaseProvisioningFailed, e.getMessage() + ": check that the"
                    + " user in Secret " + where(ref, settings) + " may create roles and databases");
        }
        return new Provisioned(Optional.empty(), Optional.of(new DatabaseEndpoint(server.host(), server.port(), name, name)),
                Optional.of(encode(password)));
    }

    private Provisioned external(Tenant tenant, KubernetesClient client, OperatorSettings settings) {
        SecretRef ref = tenant.getSpec().database.connectionSecretRef;
        Optional<Secret> secret = read(client, ref, settings.operatorNamespace());
        if (secret.isEmpty()) {
            return Provisioned.problem(TenantReason.SecretMissing, "spec.database.connectionSecretRef: Secret "
                    + where(ref, settings) + " not found: create it with keys host, port, database, user and password");
        }
        Map<String, String> data = secret.get().getData() == null ? Map.of() : secret.get().getData();
        List<String> missing = new ArrayList<>();
        for (String key : List.of("host", "port", "database", "user", "password")) {
            if (!data.containsKey(key)) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            return Provisioned.problem(TenantReason.SecretKeyMissing, "spec.database.connectionSecretRef: Secret "
                    + where(ref, settings) + " lacks key(s) " + String.join(", ", missing));
        }
        int port;
        try {
            port = Integer.parseInt(decode(data.get("port")).trim());
        } catch (NumberFormatException e) {
            return Provisioned.problem(TenantReason.SecretKeyMissing, "spec.database.connectionSecretRef: Secret "
                    + where(ref, settings) + " key port is not a number");
        }
        return new Provisioned(Optional.empty(), Optional.of(new DatabaseEndpoint(decode(data.get("host")).trim(), port,
                decode(data.get("database")), decode(data.get("user")))), Optional.of(data.get("password")));
    }

    /** Drops a Shared tenant's role and database (deletionPolicy Delete). */
    public void dropShared(Tenant tenant, KubernetesClient client, OperatorSettings settings)
            throws SharedDatabases.ProvisioningException {
        SecretRef ref = tenant.getSpec().database.adminSecretRef;
        Secret admin = read(client, ref, settings.operatorNamespace()).orElseThrow(() ->
                new SharedDatabases.ProvisioningException("admin Secret " + where(ref, settings) + " not found", true,
                        null));
        sharedDatabases.drop(SharedServer.fromSecret(admin), SharedDatabases.nameFor(tenant.getMetadata().getName()));
    }

    private static Optional<Secret> read(KubernetesClient client, SecretRef ref, String defaultNamespace) {
        String namespace = ref.namespace == null || ref.namespace.isBlank() ? defaultNamespace : ref.namespace;
        return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(ref.name).get());
    }

    private static String where(SecretRef ref, OperatorSettings settings) {
        return (ref.namespace == null || ref.namespace.isBlank() ? settings.operatorNamespace() : ref.namespace) + "/"
                + ref.name;
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
