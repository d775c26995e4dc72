package io.flowstack.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.flowstack.crds.v1alpha1.tenant.DeletionPolicy;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.testing.Eventually;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.testing.GarbageCollector;
import io.flowstack.operator.testing.OfflineStacks;
import io.flowstack.operator.testing.StackInventory;
import io.flowstack.operator.testing.StackTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A Tenant's life where a cluster makes it hard: the operator's process dies between two writes of the stack and a
 * new one takes over; the Tenant is deleted under Retain and under Delete, with the cluster's garbage collection.
 */
class TenantLifecycleTest extends StackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String NS = "tenant-acme";

    private Tenant tenant() {
        return client.resources(Tenant.class).withName("acme").get();
    }

    private void awaitReady() {
        Eventually.within(TIMEOUT, () -> assertThat(Conditions.isTrue(tenant().getStatus().conditions, "Ready"))
                .isTrue());
    }

    /** Every object of the stack: exactly the builders' set, each owned by the Tenant, nothing else labelled. */
    private void assertWholeStackOwnedBy(Tenant tenant) {
        assertThat(StackInventory.of(client, "acme")).as("exactly the stack the builders describe: no duplicate, no"
                + " orphan").isEqualTo(StackInventory.names(OfflineStacks.objects(tenant, b -> "x")));
        List<HasMetadata> objects = new ArrayList<>(client.namespaces().withLabel("flowstack.io/tenant", "acme").list()
                .getItems());
        objects.addAll(client.secrets().inNamespace(NS).list().getItems());
        objects.addAll(client.apps().deployments().inNamespace(NS).list().getItems());
        objects.addAll(client.apps().statefulSets().inNamespace(NS).list().getItems());
        objects.addAll(client.services().inNamespace(NS).list().getItems());
        for (HasMetadata object : objects) {
            assertThat(object.getMetadata().getOwnerReferences()).as("owners of %s/%s", object.getKind(),
                    object.getMetadata().getName()).singleElement()
                    .satisfies(o -> assertThat(o.getUid()).isEqualTo(tenant.getMetadata().getUid()));
        }
    }

    @ParameterizedTest(name = "after {0} applies")
    @ValueSource(ints = {1, 4, 8})
    void anOperatorStoppedBetweenTwoWritesIsFollowedByOneThatFinishesTheStack(int applies) {
        cluster.dispatcher().cutAfter(applies);
        client.resource(Examples.tenant("acme.yaml")).create();
        Eventually.within(TIMEOUT, () -> assertThat(cluster.dispatcher().refusedByCut()).as("a write after the cut")
                .isPositive());
        Map<String, String> keysBefore = new java.util.HashMap<>();
        stack.restartOperator(() -> {
            // reads retried: a connection the stopped operator was using may be closed under the shared client
            Eventually.within(TIMEOUT, () -> {
                keysBefore.clear();
                Secret keys = client.secrets().inNamespace(NS).withName("flowstack-keys").get();
                if (keys != null) {
                    keysBefore.putAll(keys.getData());
                }
                assertThat(StackInventory.of(client, "acme")).as("the first operator left the stack half made")
                        .isNotEqualTo(StackInventory.names(OfflineStacks.objects(tenant(), b -> "x")));
            });
            cluster.dispatcher().heal();
        });
        awaitReady();
        assertWholeStackOwnedBy(tenant());
        if (!keysBefore.isEmpty()) {
            assertThat(client.secrets().inNamespace(NS).withName("flowstack-keys").get().getData())
                    .as("keys made before the stop are kept, not made again").isEqualTo(keysBefore);
        }
    }

    /** The stack up, and the claim the StatefulSet controller makes for its pod (not owned: its policy retains). */
    private Tenant acme(DeletionPolicy policy) {
        Tenant acme = Examples.tenant("acme.yaml");
        acme.getSpec().deletionPolicy = policy;
        client.resource(acme).create();
        awaitReady();
        client.resource(new PersistentVolumeClaimBuilder().withNewMetadata().withName("data-flowstack-postgres-0")
                .withNamespace(NS).endMetadata().withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
                .addToRequests("storage", new Quantity("20Gi")).endResources().endSpec().build()).create();
        return tenant();
    }

    private void deleteAndCollect() {
        client.resources(Tenant.class).withName("acme").delete();
        Eventually.within(TIMEOUT, () -> assertThat(tenant()).as("the finalizer ran and was removed").isNull());
        List<String> collected = GarbageCollector.collect(client);
        assertThat(collected).as("garbage collection found the stack's dependents").isNotEmpty();
    }

    @Test
    void deletedUnderRetainTheNamespaceSecretsAndVolumesStayWithoutOwners() {
        acme(DeletionPolicy.Retain);
        deleteAndCollect();
        assertThat(client.namespaces().withName(NS).get()).isNotNull()
                .satisfies(n -> assertThat(n.getMetadata().getOwnerReferences()).isNullOrEmpty());
        for (String name : List.of("flowstack-keys", "flowstack-db")) {
            assertThat(client.secrets().inNamespace(NS).withName(name).get()).as(name).isNotNull()
                    .satisfies(s -> assertThat(s.getMetadata().getOwnerReferences()).isNullOrEmpty());
        }
        assertThat(client.persistentVolumeClaims().inNamespace(NS).withName("data-flowstack-postgres-0").get())
                .as("the database's volume").isNotNull();
        assertThat(client.apps().statefulSets().inNamespace(NS).list().getItems()).as("the workloads went").isEmpty();
        assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).isEmpty();
    }

    @Test
    void deletedUnderDeleteEverythingGoesWithTheNamespace() {
        acme(DeletionPolicy.Delete);
        deleteAndCollect();
        assertThat(client.namespaces().withName(NS).get()).isNull();
        assertThat(client.secrets().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(client.persistentVolumeClaims().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(StackInventory.of(client, "acme")).isEmpty();
    }
}
