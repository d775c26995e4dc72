package io.flowstack.operator.tenant;

import io.flowstack.operator.testing.OfflineStacks;
import java.util.List;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.tenant.DeletionPolicy;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.testing.Edits;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.tenant.TenantObjects;
import io.flowstack.operator.tenant.desired.OfflineInputs;
import io.flowstack.operator.testing.Eventually;
import io.flowstack.operator.testing.StackInventory;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.testing.StackTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shared mode against a real PostgreSQL: the role and database the operator creates, and what happens to them. */
class SharedDatabaseTest extends StackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String ADMIN_PASSWORD = "admin-secret-pw";
    @TempDir
    static Path dataDir;
    private static EmbeddedPostgres postgres;


    @BeforeAll
    static void startPostgres() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("pg")).setCleanDataDirectory(true)
                .setServerConfig("password_encryption", "scram-sha-256").start();
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("ALTER ROLE postgres PASSWORD '" + ADMIN_PASSWORD + "'");
        }
        // like a real server: every role but the local superuser must give its password
        Files.writeString(dataDir.resolve("pg").resolve("pg_hba.conf"), String.join("\n",
                "local all postgres trust",
                "host all all 127.0.0.1/32 scram-sha-256",
                "host all all ::1/128 scram-sha-256", ""));
        try (Connection admin = DriverManager.getConnection(url("postgres"), "postgres", ADMIN_PASSWORD);
             Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_reload_conf()");
        }
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    private static String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    @BeforeEach
    void start() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("flowstack-system").endMetadata()
                .build()).create();
    }

    private void adminSecret(int port) {
        client.secrets().inNamespace("flowstack-system").resource(new SecretBuilder()
                .withNewMetadata().withName("shared-postgres-admin").withNamespace("flowstack-system").endMetadata()
                .withData(Map.of("host", b64("127.0.0.1"), "port", b64(Integer.toString(port)), "user", b64("postgres"),
                        "password", b64(ADMIN_PASSWORD), "sslmode", b64("disable")))
                .build()).createOr(r -> r.update());
    }

    private Tenant tenant(String name, DeletionPolicy policy) {
        Tenant tenant = Examples.tenant("globex.yaml");
        tenant.getMetadata().setName(name);
        tenant.getSpec().deletionPolicy = policy;
        return tenant;
    }

    private void awaitReady(String name) {
        Eventually.within(TIMEOUT, () -> assertThat(Conditions.isTrue(
                client.resources(Tenant.class).withName(name).get().getStatus().conditions, "Ready")).isTrue());
    }

    private static String query(String sql) {
        try (Connection admin = DriverManager.getConnection(url("postgres"), "postgres", ADMIN_PASSWORD);
             Statement statement = admin.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    @Test
    void createsALeastPrivilegeRoleAndDatabaseIdempotentlyAndDropsThemOnDelete() throws Exception {
        adminSecret(postgres.getPort());
        client.resource(tenant("globex", DeletionPolicy.Delete)).create();
        awaitReady("globex");

        assertThat(query("SELECT rolsuper OR rolcreatedb OR rolcreaterole OR rolreplication OR rolbypassrls "
                + "FROM pg_roles WHERE rolname = 'flowstack_globex'")).isEqualTo("f");
        assertThat(query("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'flowstack_globex'"))
                .isEqualTo("flowstack_globex");
        assertThat(query("SELECT datacl::text FROM pg_database WHERE datname = 'flowstack_globex'"))
                .as("PUBLIC has no privilege on the tenant's database").doesNotContain("{=").doesNotContain(",=");

        Tenant applied = client.resources(Tenant.class).withName("globex").get();
        assertThat(StackInventory.of(client, "globex")).as("exactly the stack the builders describe, no PostgreSQL")
                .isEqualTo(StackInventory.names(OfflineStacks.objects(applied, b -> "x")))
                .noneMatch(name -> name.startsWith("StatefulSet/"));
        Secret credentials = client.secrets().inNamespace("tenant-globex").withName("flowstack-db").get();
        String user = decode(credentials.getData().get("user"));
        String password = decode(credentials.getData().get("password"));
        assertThat(decode(credentials.getData().get("host"))).isEqualTo("127.0.0.1");
        try (Connection tenantConnection = DriverManager.getConnection(url("flowstack_globex"), user, password);
             Statement statement = tenantConnection.createStatement()) {
            statement.execute("CREATE TABLE executions (id bigint primary key)");
        }
        try (Connection admin = DriverManager.getConnection(url("postgres"), "postgres", ADMIN_PASSWORD);
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE other_tenant LOGIN PASSWORD 'other'");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url("flowstack_globex"), "other_tenant", "other").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");

        String hash = query("SELECT rolpassword FROM pg_authid WHERE rolname = 'flowstack_globex'");
        stack.operator().awaitReconciled(TIMEOUT, () -> Edits.edit(client.resources(Tenant.class).withName("globex"),
                t -> {
                    t.getMetadata().getLabels().put("touched", "1");
                    return t;
                }), Tenant.class, null, List.of("globex"));
        stack.restartOperator();
        Eventually.within(TIMEOUT, () -> assertThat(stack.operator().reconciliations(Tenant.class, null, "globex"))
                .as("the restarted operator reconciled globex").isPositive());
        awaitReady("globex");
        assertThat(query("SELECT rolpassword FROM pg_authid WHERE rolname = 'flowstack_globex'"))
                .as("no password change across reconciles and a restart").isEqualTo(hash);
        assertThat(decode(client.secrets().inNamespace("tenant-globex").withName("flowstack-db").get().getData()
                .get("password"))).isEqualTo(password);
        assertThat(query("SELECT count(*) FROM pg_tables WHERE tablename = 'executions'")).isEqualTo("0");

        client.resources(Tenant.class).withName("globex").delete();
        Eventually.within(TIMEOUT, () -> {
            assertThat(query("SELECT count(*) FROM pg_database WHERE datname = 'flowstack_globex'")).isEqualTo("0");
            assertThat(query("SELECT count(*) FROM pg_roles WHERE rolname = 'flowstack_globex'")).isEqualTo("0");
            assertThat(client.resources(Tenant.class).withName("globex").get()).isNull();
        });
    }

    @Test
    void retainKeepsTheDatabaseAndTheSecrets() throws Exception {
        adminSecret(postgres.getPort());
        client.resource(tenant("initech", DeletionPolicy.Retain)).create();
        awaitReady("initech");
        client.resources(Tenant.class).withName("initech").delete();
        Eventually.within(TIMEOUT, () -> assertThat(client.resources(Tenant.class).withName("initech").get()).isNull());
        assertThat(query("SELECT count(*) FROM pg_database WHERE datname = 'flowstack_initech'")).isEqualTo("1");
        assertThat(query("SELECT count(*) FROM pg_roles WHERE rolname = 'flowstack_initech'")).isEqualTo("1");
        var namespace = client.namespaces().withName("tenant-initech").get();
        assertThat(namespace).isNotNull();
        assertThat(namespace.getMetadata().getOwnerReferences()).isNullOrEmpty();
        Secret credentials = client.secrets().inNamespace("tenant-initech").withName("flowstack-db").get();
        assertThat(credentials.getMetadata().getOwnerReferences()).isNullOrEmpty();
    }

    @Test
    void anUnreachableServerIsReportedWithoutSecretsAndNothingIsCreated() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        adminSecret(closedPort);
        client.resource(tenant("hooli", DeletionPolicy.Delete)).create();
        Eventually.within(TIMEOUT, () -> {
            Condition ready = Conditions.find(client.resources(Tenant.class).withName("hooli").get().getStatus().conditions,
                    "Ready").orElseThrow();
            assertThat(ready.reason).isEqualTo("DatabaseUnreachable");
            assertThat(ready.message).contains("127.0.0.1:" + closedPort).doesNotContain(ADMIN_PASSWORD);
        });
        awaitQuiet();   // a reconcile already under way would count as this one's
        long before = cluster.writes();
        stack.operator().awaitReconciled(TIMEOUT, () -> Edits.edit(client.resources(Tenant.class).withName("hooli"),
                t -> {
                    t.getMetadata().setLabels(java.util.Map.of("touched", "1"));
                    return t;
                }), Tenant.class, null, List.of("hooli"));
        assertThat(cluster.writes() - before).as("no writes besides the touch while the server stays unreachable")
                .isEqualTo(1);
        assertThat(client.namespaces().withName("tenant-hooli").get()).isNull();

        // the server comes back (the admin Secret is fixed): the next retry provisions everything
        adminSecret(postgres.getPort());
        awaitReady("hooli");
        assertThat(query("SELECT count(*) FROM pg_database WHERE datname = 'flowstack_hooli'")).isEqualTo("1");
    }

    @Test
    void aMissingAdminSecretNamesTheSecretAndWhatToPutInIt() {
        client.resource(tenant("umbrella", DeletionPolicy.Delete)).create();
        Eventually.within(TIMEOUT, () -> {
            Condition ready = Conditions.find(client.resources(Tenant.class).withName("umbrella").get().getStatus().conditions,
                    "Ready").orElseThrow();
            assertThat(ready.reason).isEqualTo("SecretMissing");
            assertThat(ready.message).contains("spec.database.adminSecretRef")
                    .contains("flowstack-system/shared-postgres-admin").contains("host, port, user and password");
        });
    }
}
