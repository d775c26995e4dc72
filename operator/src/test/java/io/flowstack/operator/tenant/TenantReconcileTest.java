package io.flowstack.operator.tenant;

import io.flowstack.operator.testing.OfflineStacks;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantReconcileTest extends StackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Tenant tenant(String name) {
        return client.resources(Tenant.class).withName(name).get();
    }

    private void awaitReady(String name) {
        Eventually.within(TIMEOUT, () -> {
            Tenant tenant = tenant(name);
            assertThat(tenant.getStatus()).isNotNull();
            assertThat(Conditions.isTrue(tenant.getStatus().conditions, "Ready"))
                    .as("Ready of %s: %s", name, tenant.getStatus().conditions.stream()
                            .map(c -> c.type + "=" + c.status + " " + c.reason + ": " + c.message).toList())
                    .isTrue();
        });
    }

    @Test
    void managedTenantExampleBecomesAReadyStack() {
        client.resource(Examples.tenant("acme.yaml")).create();
        awaitReady("acme");
        Tenant tenant = tenant("acme");
        String ns = "tenant-acme";

        Namespace namespace = client.namespaces().withName(ns).get();
        assertThat(namespace.getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
                .containsEntry("flowstack.io/tenant", "acme");
        assertOwnedAndLabelled(namespace, tenant, "tenant");

        List<HasMetadata> objects = new ArrayList<>();
        objects.add(client.resourceQuotas().inNamespace(ns).withName("flowstack-quota").get());
        objects.add(client.limitRanges().inNamespace(ns).withName("flowstack-limits").get());
        objects.add(client.network().v1().networkPolicies().inNamespace(ns).withName("flowstack-isolation").get());
        objects.add(client.serviceAccounts().inNamespace(ns).withName("flowstack-runtime").get());
        objects.add(client.rbac().roleBindings().inNamespace(ns).withName("flowstack-owners").get());
        objects.add(client.secrets().inNamespace(ns).withName("flowstack-keys").get());
        objects.add(client.secrets().inNamespace(ns).withName("flowstack-db").get());
        objects.add(client.services().inNamespace(ns).withName("flowstack-postgres").get());
        objects.add(client.apps().statefulSets().inNamespace(ns).withName("flowstack-postgres").get());
        objects.add(client.services().inNamespace(ns).withName("flowstack-runtime").get());
        objects.add(client.policy().v1().podDisruptionBudget().inNamespace(ns).withName("flowstack-runtime").get());
        objects.add(client.apps().deployments().inNamespace(ns).withName("flowstack-runtime").get());
        assertThat(objects).doesNotContainNull();
        assertThat(StackInventory.of(client, "acme")).as("exactly the stack the builders describe")
                .isEqualTo(StackInventory.names(OfflineStacks.objects(tenant, b -> "x")));
        for (HasMetadata object : objects) {
            assertOwnedAndLabelled(object, tenant, null);
        }
        assertThat(tenant.getStatus().namespace).isEqualTo(ns);
        assertThat(tenant.getStatus().database.ready).isTrue();
        assertThat(tenant.getStatus().runtime.ready).isTrue();
        assertThat(tenant.getStatus().observedGeneration).isEqualTo(tenant.getMetadata().getGeneration());
        assertThat(Conditions.find(tenant.getStatus().conditions, "Degraded").orElseThrow().status.name()).isEqualTo("False");
    }

    @Test
    void stacksReadyWithinTheGraceCostOneWritePerObjectAFinalizerAndOneStatus() throws InterruptedException {
        int tenants = 6;
        for (int i = 0; i < tenants; i++) {
            Tenant tenant = Examples.tenant("acme.yaml");
            tenant.getMetadata().setName("t" + i);
            tenant.getSpec().namespace = null;
            client.resource(tenant).create();
        }
        for (int i = 0; i < tenants; i++) {
            awaitReady("t" + i);
        }
        // a late duplicate write would come from a later reconcile: have one of each Tenant run, then count
        List<String> names = java.util.stream.IntStream.range(0, tenants).mapToObj(i -> "t" + i).toList();
        stack.operator().awaitReconciled(TIMEOUT, () -> names.forEach(this::touch), Tenant.class, null, names);
        Map<String, Long> writes = cluster.dispatcher().writesByResource();
        Tenant t0 = tenant("t0");
        int objects = OfflineStacks.objects(t0, b -> "x").size();
        long stackWrites = writes.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("tenants") && !e.getKey().endsWith("/status")
                        && !e.getKey().equals("customresourcedefinitions"))
                .mapToLong(Map.Entry::getValue).sum();
        assertThat(stackWrites).as("one write per object: %s", writes).isEqualTo((long) objects * tenants);
        assertThat(writes.get("tenants")).as("each Tenant's create, its finalizer and the test's touch")
                .isEqualTo(3L * tenants);
        assertThat(writes.get("tenants/status")).as("one status write per Tenant: %s", writes).isEqualTo(tenants);
    }

    private void touch(String name) {
        Edits.edit(client.resources(Tenant.class).withName(name), t -> {
            t.getMetadata().getLabels().put("touched", "yes");
            return t;
        });
    }

    @Test
    void steadyStateSendsNoWrites() throws InterruptedException {
        client.resource(Examples.tenant("acme.yaml")).create();
        awaitReady("acme");
        workloads.close();
        awaitQuiet();   // a reconcile already under way would count as this one's
        long before = cluster.writes();
        Map<String, Long> byResource = cluster.dispatcher().writesByResource();
        // touch the Tenant without changing its spec: the operator reconciles it again, and writes nothing
        stack.operator().awaitReconciled(TIMEOUT, () -> touch("acme"), Tenant.class, null, List.of("acme"));
        assertThat(cluster.writes() - before).as("writes after a no-op reconcile; before: %s, after: %s",
                byResource, cluster.dispatcher().writesByResource()).isEqualTo(1);
    }

    @Test
    void secretsAreStableAcrossReconcilesAndRotateOnRequest() {
        client.resource(Examples.tenant("acme.yaml")).create();
        awaitReady("acme");
        Secret keys = client.secrets().inNamespace("tenant-acme").withName("flowstack-keys").get();
        String checksum = runtimeChecksum();

        Edits.edit(client.resources(Tenant.class).withName("acme"), t -> {
            t.getSpec().runtime.replicas = 3;
            return t;
        });
        Eventually.within(TIMEOUT, () -> assertThat(client.apps().deployments().inNamespace("tenant-acme")
                .withName("flowstack-runtime").get().getSpec().getReplicas()).isEqualTo(3));
        assertThat(client.secrets().inNamespace("tenant-acme").withName("flowstack-keys").get().getData())
                .isEqualTo(keys.getData());
        assertThat(runtimeChecksum()).isEqualTo(checksum);

        Edits.edit(client.resources(Tenant.class).withName("acme"), t -> {
            t.getMetadata().getAnnotations().put("flowstack.io/rotate-secrets", "2026-11-22");
            return t;
        });
        Eventually.within(TIMEOUT, () -> {
            Secret rotated = client.secrets().inNamespace("tenant-acme").withName("flowstack-keys").get();
            assertThat(rotated.getData().get("api-token")).isNotEqualTo(keys.getData().get("api-token"));
            assertThat(rotated.getData().get("encryption-key-previous")).isEqualTo(keys.getData().get("encryption-key"));
            assertThat(runtimeChecksum()).isNotEqualTo(checksum);
        });
    }

    private String runtimeChecksum() {
        Deployment deployment = client.apps().deployments().inNamespace("tenant-acme").withName("flowstack-runtime").get();
        return deployment.getSpec().getTemplate().getMetadata().getAnnotations().get("flowstack.io/secrets-checksum");
    }

    private static void assertOwnedAndLabelled(HasMetadata object, Tenant tenant, String component) {
        assertThat(object.getMetadata().getOwnerReferences())
                .as("owner of %s %s", object.getKind(), object.getMetadata().getName())
                .anySatisfy(o -> {
                    assertThat(o.getUid()).isEqualTo(tenant.getMetadata().getUid());
                    assertThat(o.getKind()).isEqualTo("Tenant");
                });
        assertThat(object.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "flowstack-operator")
                .containsEntry("app.kubernetes.io/part-of", "flowstack")
                .containsEntry("flowstack.io/tenant", tenant.getMetadata().getName())
                .containsKey("app.kubernetes.io/component")
                .doesNotContainKey("argocd.argoproj.io/instance");
        if (component != null) {
            assertThat(object.getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", component);
        }
    }
}
