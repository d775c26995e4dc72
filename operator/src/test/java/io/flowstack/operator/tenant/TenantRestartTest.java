package io.flowstack.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.flowstack.crds.v1alpha1.common.SecretRef;
import io.flowstack.crds.v1alpha1.tenant.DatabaseMode;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.testing.Edits;
import io.flowstack.operator.testing.Eventually;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.testing.StackTest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A restarted operator (a new leader, a rolled pod) takes a Tenant's stack as settled when the Tenant's
 * {@code status.stackFingerprint} is what its caches make of the stack now: no dependent runs, nothing is written.
 * What changed while no operator ran (an object of the stack, the database password, the operator's settings) runs
 * the dependents and records a new fingerprint.
 */
class TenantRestartTest extends StackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String NS = "tenant-acme";

    private Tenant tenant() {
        return client.resources(Tenant.class).withName("acme").get();
    }

    private Resource<Deployment> runtime() {
        return client.apps().deployments().inNamespace(NS).withName("flowstack-runtime");
    }

    /** Waits until the Tenant is Ready with a fingerprint in its status; returns the fingerprint. */
    private String readyWithFingerprint() {
        AtomicReference<String> fingerprint = new AtomicReference<>();
        Eventually.within(TIMEOUT, () -> {
            Tenant tenant = tenant();
            assertThat(Conditions.isTrue(tenant.getStatus().conditions, "Ready")).as("Ready").isTrue();
            assertThat(tenant.getStatus().stackFingerprint).as("status.stackFingerprint").isNotBlank();
            fingerprint.set(tenant.getStatus().stackFingerprint);
        });
        return fingerprint.get();
    }

    private double stackReconciles(String result) {
        return stack.operator().registry().counter(TenantMetrics.STACK_RECONCILES, "result", result).count();
    }

    /** The restarted operator's first reconcile of the Tenant has finished. */
    private void awaitFirstReconcile() {
        Eventually.within(TIMEOUT, () -> assertThat(stack.operator().reconciliations(Tenant.class, null, "acme"))
                .as("reconciles of acme by the restarted operator").isPositive());
    }

    /** After a restart with nothing changed: a reconcile ran, it found the stack settled and wrote nothing. */
    private void assertRestartFindsTheStackSettled(String fingerprint) {
        awaitQuiet();
        long writes = cluster.writes();
        stack.restartOperator();
        awaitFirstReconcile();

        assertThat(stackReconciles("settled")).as("reconciles that found the stack settled").isPositive();
        assertThat(stackReconciles("applied")).as("reconciles that ran the dependents").isZero();
        assertThat(cluster.writes()).as("writes since the restart").isEqualTo(writes);
        assertThat(tenant().getStatus().stackFingerprint).isEqualTo(fingerprint);
    }

    @Test
    void aRestartedOperatorTakesAnUnchangedStackAsSettledAndWritesNothing() {
        client.resource(Examples.tenant("acme.yaml")).create();
        String fingerprint = readyWithFingerprint();
        assertThat(fingerprint).as("a fingerprint, not a secret").matches("v1:[0-9a-f]{8}:[0-9a-f]{32}");

        assertRestartFindsTheStackSettled(fingerprint);
    }

    @Test
    void anObjectEditedWhileNoOperatorRanIsPutRightAndFingerprintedAnew() {
        client.resource(Examples.tenant("acme.yaml")).create();
        String before = readyWithFingerprint();
        stack.restartOperator(() -> Edits.edit(runtime(), d -> {
            d.getSpec().setReplicas(7);
            return d;
        }));

        Eventually.within(TIMEOUT, () -> assertThat(runtime().get().getSpec().getReplicas()).as("replicas").isEqualTo(2));
        assertThat(stackReconciles("applied")).as("reconciles that ran the dependents").isPositive();
        Eventually.within(TIMEOUT, () -> assertThat(tenant().getStatus().stackFingerprint).isNotNull()
                .isNotEqualTo(before));
        // the new fingerprint is as good as the first: the next restart finds the repaired stack settled
        assertRestartFindsTheStackSettled(tenant().getStatus().stackFingerprint);
    }

    @Test
    void aRunThatWritesNothingLeavesTheFingerprintAndAStaleOneOnlyCostsOneRunAfterARestart() {
        client.resource(Examples.tenant("acme.yaml")).create();
        String fingerprint = readyWithFingerprint();
        awaitQuiet();
        long writes = cluster.writes();
        // a label no object carries: new sources, the dependents run, find every object as it should be
        touchAndAwaitReconcile("acme");
        assertThat(stackReconciles("applied")).as("reconciles that ran the dependents").isPositive();
        assertThat(cluster.writes() - writes).as("writes besides the touch").isEqualTo(1);
        assertThat(tenant().getStatus().stackFingerprint).as("kept: no status write for it").isEqualTo(fingerprint);

        // the recorded fingerprint is stale now: the restarted operator runs the dependents once, and writes nothing
        stack.restartOperator();
        awaitFirstReconcile();
        assertThat(stackReconciles("applied")).as("reconciles that ran the dependents").isPositive();
        awaitQuiet();
        assertThat(cluster.writes() - writes).as("writes besides the touch").isEqualTo(1);
    }

    @Test
    void otherSettingsRunTheDependentsAgainAsAnUpgradeWould() {
        client.resource(Examples.tenant("acme.yaml")).create();
        String before = readyWithFingerprint();
        OperatorSettings defaults = OperatorSettings.defaults();
        stack.restartOperator(new OperatorSettings(defaults.operatorNamespace(), "observability",
                defaults.runtimeImageRepository(), defaults.defaultRuntimeVersion(),
                defaults.postgresImageRepository()), () -> { });
        awaitFirstReconcile();

        assertThat(stackReconciles("applied")).as("reconciles that ran the dependents").isPositive();
        Eventually.within(TIMEOUT, () -> assertThat(tenant().getStatus().stackFingerprint).isNotNull()
                .isNotEqualTo(before));
    }

    @Test
    void anExternalDatabasesNewPasswordReachesTheRuntimeAfterARestart() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("flowstack-system").endMetadata()
                .build()).create();
        Resource<io.fabric8.kubernetes.api.model.Secret> connection = client.secrets().inNamespace("flowstack-system")
                .withName("acme-db");
        client.secrets().inNamespace("flowstack-system").resource(new SecretBuilder().withNewMetadata().withName("acme-db").withNamespace("flowstack-system")
                .endMetadata().addToData("host", "ZGIuZXhhbXBsZQ==").addToData("port", "NTQzMg==")
                .addToData("database", "YWNtZQ==").addToData("user", "YWNtZQ==").addToData("password", "czNjcjN0")
                .build()).create();
        Tenant external = Examples.tenant("acme.yaml");
        external.getSpec().database.mode = DatabaseMode.External;
        external.getSpec().database.managed = null;
        external.getSpec().database.connectionSecretRef = new SecretRef("acme-db", null);
        client.resource(external).create();
        String before = readyWithFingerprint();

        // rotated while no operator ran: nothing in the fingerprint says so (it holds no password), the copy does
        stack.restartOperator(() -> Edits.edit(connection, s -> {
            s.getData().put("password", "bjN3LXMzY3IzdA==");
            return s;
        }));

        Eventually.within(TIMEOUT, () -> assertThat(client.secrets().inNamespace(NS).withName("flowstack-db").get()
                .getData()).containsEntry("password", "bjN3LXMzY3IzdA=="));
        assertThat(stackReconciles("applied")).as("reconciles that ran the dependents").isPositive();
        Eventually.within(TIMEOUT, () -> assertThat(tenant().getStatus().stackFingerprint).isNotNull()
                .isNotEqualTo(before));
    }
}
