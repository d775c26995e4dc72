package io.flowstack.operator.tenant;

import io.flowstack.operator.testing.Edits;
import java.util.List;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.common.ResourceList;
import io.flowstack.crds.v1alpha1.tenant.Quota;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.testing.Eventually;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.testing.StackTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A Tenant its owner must fix: Ready=False with a typed reason and an actionable message, nothing half-made, no hot loop. */
class TenantBadInputTest extends StackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Condition awaitReadyFalse(String name, String reason) {
        Eventually.within(TIMEOUT, () -> {
            Tenant tenant = client.resources(Tenant.class).withName(name).get();
            assertThat(tenant.getStatus()).isNotNull();
            Condition ready = Conditions.find(tenant.getStatus().conditions, "Ready").orElseThrow();
            assertThat(ready.status.name()).isEqualTo("False");
            assertThat(ready.reason).isEqualTo(reason);
        });
        return Conditions.find(client.resources(Tenant.class).withName(name).get().getStatus().conditions, "Ready")
                .orElseThrow();
    }

    /**
     * A reconcile of an unchanged problem writes nothing: no status churn, no second event. The Tenant is touched
     * (a label: one write) so that a reconcile runs now, and counted once it has run.
     */
    private void assertNoHotLoop() {
        awaitQuiet();   // a reconcile already under way would count as this one's
        long before = cluster.writes();
        touchAndAwaitReconcile("acme");
        assertThat(cluster.writes() - before).as("writes besides the touch while the problem persists: %s",
                cluster.dispatcher().writesByResource()).isEqualTo(1);
    }

    @Test
    void namespaceOwnedBySomeoneElseIsNeverAdopted() throws InterruptedException {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("tenant-acme")
                .addToLabels("team", "payments").endMetadata().build()).create();
        client.resource(Examples.tenant("acme.yaml")).create();

        Condition ready = awaitReadyFalse("acme", "NamespaceConflict");
        assertThat(ready.message).contains("namespace tenant-acme already exists").contains("spec.namespace");
        assertNoHotLoop();
        var namespace = client.namespaces().withName("tenant-acme").get();
        assertThat(namespace.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(namespace.getMetadata().getLabels()).doesNotContainKey("flowstack.io/tenant");
        assertThat(client.secrets().inNamespace("tenant-acme").list().getItems()).isEmpty();
        assertThat(client.apps().deployments().inNamespace("tenant-acme").list().getItems()).isEmpty();
        assertThat(client.v1().events().inNamespace("default").list().getItems())
                .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("NamespaceConflict"));

        // the platform team removes the foreign namespace (spec.namespace cannot change): the stack comes up
        client.namespaces().withName("tenant-acme").delete();
        Eventually.within(TIMEOUT, () -> assertThat(Conditions.isTrue(
                client.resources(Tenant.class).withName("acme").get().getStatus().conditions, "Ready")).isTrue());
        assertThat(client.namespaces().withName("tenant-acme").get().getMetadata().getLabels())
                .containsEntry("flowstack.io/tenant", "acme");
    }

    @Test
    void aWriteTheApiServerRefusesBecomesATypedConditionNotAStaleReady() throws InterruptedException {
        client.resource(Examples.tenant("acme.yaml")).create();
        Eventually.within(TIMEOUT, () -> assertThat(Conditions.isTrue(
                client.resources(Tenant.class).withName("acme").get().getStatus().conditions, "Ready")).isTrue());

        // someone marks the keys Secret immutable and drops a key: the operator's repair is a write the API server
        // refuses
        Edits.edit(client.secrets().inNamespace("tenant-acme").withName("flowstack-keys"), secret -> {
            secret.setImmutable(true);
            secret.getData().remove("api-token");
            return secret;
        });
        Condition ready = awaitReadyFalse("acme", "WriteRefused");
        assertThat(ready.message).contains("the API server refused").contains("HTTP 422")
                .contains("Secret \"flowstack-keys\" is invalid:")
                .contains("Forbidden: field is immutable when `immutable` is set");
        assertThat(Conditions.isTrue(client.resources(Tenant.class).withName("acme").get().getStatus().conditions,
                "Degraded")).isTrue();
        assertThat(client.v1().events().inNamespace("default").list().getItems())
                .filteredOn(e -> "WriteRefused".equals(e.getReason())).hasSize(1);

        // the refusal persists: a reconcile (proven to have run) writes no status and no event (at most it tries the
        // refused write again)
        awaitQuiet();
        long before = cluster.writes();
        java.util.Map<String, Long> byResource = cluster.dispatcher().writesByResource();
        touchAndAwaitReconcile("acme");
        java.util.Map<String, Long> after = cluster.dispatcher().writesByResource();
        assertThat(cluster.writes() - before).as("the touch, and at most the refused apply again: %s", after)
                .isBetween(1L, 2L);
        assertThat(after.get("tenants/status")).isEqualTo(byResource.get("tenants/status"));
        assertThat(after.get("events")).isEqualTo(byResource.get("events"));

        // the Secret is removed: the operator makes it again and the Tenant is Ready
        client.secrets().inNamespace("tenant-acme").withName("flowstack-keys").delete();
        Eventually.within(TIMEOUT, () -> assertThat(Conditions.isTrue(
                client.resources(Tenant.class).withName("acme").get().getStatus().conditions, "Ready")).isTrue());
    }

    @Test
    void aTenantRecreatedWhileItsNamespaceTerminatesWaitsThenConverges() throws InterruptedException {
        client.resource(Examples.tenant("acme.yaml")).create();
        Eventually.within(TIMEOUT, () -> assertThat(Conditions.isTrue(
                client.resources(Tenant.class).withName("acme").get().getStatus().conditions, "Ready")).isTrue());
        // a namespace stays while its content is removed (a finalizer holds it, as on a real cluster)
        Edits.edit(client.namespaces().withName("tenant-acme"), namespace -> {
            namespace.getMetadata().setFinalizers(new java.util.ArrayList<>(List.of("flowstack.io/test-content")));
            return namespace;
        });
        client.resources(Tenant.class).withName("acme").delete();
        Eventually.within(TIMEOUT, () -> assertThat(client.resources(Tenant.class).withName("acme").get()).isNull());
        client.namespaces().withName("tenant-acme").delete();
        assertThat(client.namespaces().withName("tenant-acme").get().getMetadata().getDeletionTimestamp()).isNotNull();

        client.resource(Examples.tenant("acme.yaml")).create();
        Condition ready = awaitReadyFalse("acme", "NamespaceTerminating");
        assertThat(ready.message).contains("namespace tenant-acme is being deleted").contains("built again");

        // its content gone, the namespace goes; the stack is built again
        Edits.edit(client.namespaces().withName("tenant-acme"), namespace -> {
            namespace.getMetadata().setFinalizers(new java.util.ArrayList<>());
            return namespace;
        });
        Eventually.within(Duration.ofSeconds(60), () -> assertThat(Conditions.isTrue(
                client.resources(Tenant.class).withName("acme").get().getStatus().conditions, "Ready")).isTrue());
        assertThat(client.namespaces().withName("tenant-acme").get().getMetadata().getDeletionTimestamp()).isNull();
    }

    @Test
    void quotaSmallerThanTheRuntimeRequestsIsReportedAndNothingIsCreated() throws InterruptedException {
        Tenant tenant = Examples.tenant("acme.yaml");
        tenant.getSpec().quota = new Quota();
        tenant.getSpec().quota.cpu = new ResourceList("500m", null).cpu;
        client.resource(tenant).create();

        Condition ready = awaitReadyFalse("acme", "InvalidSpec");
        assertThat(ready.message).contains("spec.quota.cpu").contains("runtime 2 x 500m");
        assertNoHotLoop();
        assertThat(client.namespaces().withName("tenant-acme").get()).isNull();
        Condition degraded = Conditions.find(client.resources(Tenant.class).withName("acme").get().getStatus().conditions,
                "Degraded").orElseThrow();
        assertThat(degraded.status.name()).isEqualTo("True");
    }

    @Test
    void externalConnectionSecretWithoutAKeyNamesTheKey() throws InterruptedException {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("flowstack-system").endMetadata()
                .build()).create();
        client.secrets().inNamespace("flowstack-system").resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata().withName("acme-db").withNamespace("flowstack-system").endMetadata()
                .addToData("host", "ZGIuZXhhbXBsZQ==").addToData("port", "NTQzMg==").addToData("user", "YWNtZQ==")
                .build()).create();
        Tenant tenant = Examples.tenant("acme.yaml");
        tenant.getSpec().database.mode = io.flowstack.crds.v1alpha1.tenant.DatabaseMode.External;
        tenant.getSpec().database.managed = null;
        tenant.getSpec().database.connectionSecretRef = new io.flowstack.crds.v1alpha1.common.SecretRef("acme-db", null);
        client.resource(tenant).create();

        Condition ready = awaitReadyFalse("acme", "SecretKeyMissing");
        assertThat(ready.message).contains("spec.database.connectionSecretRef").contains("flowstack-system/acme-db")
                .contains("database, password");
        assertNoHotLoop();
        assertThat(client.namespaces().withName("tenant-acme").get()).isNull();

        // the platform team completes the Secret: the runtime gets a copy of it in the tenant namespace
        client.secrets().inNamespace("flowstack-system").withName("acme-db").edit(s -> {
            s.getData().put("database", "YWNtZQ==");
            s.getData().put("password", "czNjcjN0");
            return s;
        });
        Eventually.within(TIMEOUT, () -> assertThat(Conditions.isTrue(
                client.resources(Tenant.class).withName("acme").get().getStatus().conditions, "Ready")).isTrue());
        var copy = client.secrets().inNamespace("tenant-acme").withName("flowstack-db").get();
        assertThat(copy.getData()).containsEntry("password", "czNjcjN0").containsEntry("host", "ZGIuZXhhbXBsZQ==");
        assertThat(client.apps().statefulSets().inNamespace("tenant-acme").list().getItems()).isEmpty();
    }
}
