package io.flowstack.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.testing.Edits;
import io.flowstack.operator.testing.Eventually;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.testing.StackTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * spec.database.managed.storage after the database exists: a StatefulSet's volume claim templates are immutable on a
 * real API server (and on the test double), so a larger size expands the volume's claim, a smaller one is refused
 * with a condition naming the field, and an expansion the cluster refuses is reported, never hidden behind Ready.
 */
class TenantStorageTest extends StackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String CLAIM = "data-flowstack-postgres-0";

    /** The stack up, and the claim the StatefulSet controller makes for its pod (the mock has no controller). */
    private void acmeWithItsVolume() {
        client.resource(Examples.tenant("acme.yaml")).create();
        Eventually.within(TIMEOUT, () -> assertThat(Conditions.isTrue(tenant().getStatus().conditions, "Ready")).isTrue());
        client.resource(new PersistentVolumeClaimBuilder().withNewMetadata().withName(CLAIM).withNamespace("tenant-acme")
                .endMetadata().withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
                .addToRequests("storage", new Quantity("20Gi")).endResources().endSpec().build()).create();
    }

    private Tenant tenant() {
        return client.resources(Tenant.class).withName("acme").get();
    }

    private void resize(String storage) {
        Edits.edit(client.resources(Tenant.class).withName("acme"), t -> {
            t.getSpec().database.managed.storage = new Quantity(storage);
            return t;
        });
    }

    private String claimSize() {
        PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace("tenant-acme").withName(CLAIM).get();
        return claim.getSpec().getResources().getRequests().get("storage").toString();
    }

    private String templateSize() {
        return client.apps().statefulSets().inNamespace("tenant-acme").withName("flowstack-postgres").get().getSpec()
                .getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests().get("storage").toString();
    }

    private Condition awaitReady(String status, String reason) {
        Eventually.within(TIMEOUT, () -> {
            Condition ready = Conditions.find(tenant().getStatus().conditions, "Ready").orElseThrow();
            assertThat(ready.status.name()).isEqualTo(status);
            assertThat(ready.reason).isEqualTo(reason);
        });
        return Conditions.find(tenant().getStatus().conditions, "Ready").orElseThrow();
    }

    @Test
    void aLargerSizeExpandsTheVolumeWithoutTouchingTheStatefulSet() {
        client.resource(new StorageClassBuilder().withNewMetadata().withName("standard")
                .addToAnnotations("storageclass.kubernetes.io/is-default-class", "true").endMetadata()
                .withProvisioner("csi.example").withAllowVolumeExpansion(true).build()).create();
        acmeWithItsVolume();
        resize("30Gi");
        Eventually.within(TIMEOUT, () -> assertThat(claimSize()).isEqualTo("30Gi"));
        awaitReady("True", "StackReady");
        assertThat(templateSize()).as("the claim template stays as created").isEqualTo("20Gi");
    }

    @Test
    void aSmallerSizeIsRefusedWithAConditionNamingTheField() {
        acmeWithItsVolume();
        resize("10Gi");
        Condition ready = awaitReady("False", "StorageShrinkRefused");
        assertThat(ready.message).contains("spec.database.managed.storage").contains("10Gi").contains("20Gi")
                .contains("never shrinks");
        assertThat(Conditions.isTrue(tenant().getStatus().conditions, "Degraded")).isTrue();
        assertThat(claimSize()).isEqualTo("20Gi");
        assertThat(templateSize()).isEqualTo("20Gi");

        resize("20Gi");   // fixed: Ready again
        awaitReady("True", "StackReady");
    }

    @Test
    void anExpansionTheClusterRefusesIsReportedOnceAndRetriedWithoutChurn() {
        acmeWithItsVolume();   // no StorageClass allows expansion
        resize("30Gi");
        Condition ready = awaitReady("False", "WriteRefused");
        assertThat(ready.message).contains("HTTP 403").contains("must support resize")
                .contains("spec.database.managed.storage");
        assertThat(client.v1().events().inNamespace("default").list().getItems())
                .filteredOn(e -> "WriteRefused".equals(e.getReason())).hasSize(1);

        // the problem persists: a reconcile (proven to have run) writes no status and no event; it tries the
        // expansion once more (refused again)
        long before = cluster.writes();
        touchAndAwaitReconcile("acme");
        assertThat(cluster.writes() - before).as("the touch and the refused expansion, nothing else: %s",
                cluster.dispatcher().writesByResource()).isEqualTo(2);
        assertThat(claimSize()).isEqualTo("20Gi");
    }
}
