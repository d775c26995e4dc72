package io.flowstack.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

/** The double's own behaviour, where the operator's tests do not already pin it. */
class ServerSideApplyDispatcherTest {

    @Test
    void applyPatchesInJsonAndInYamlAreTheSameObject() throws Exception {
        JsonNode json = ServerSideApplyDispatcher.parsePatch(
                " {\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"},\"data\":{\"k\":\"1\"}}");
        JsonNode yaml = ServerSideApplyDispatcher.parsePatch(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: \"1\"\n");
        assertThat(json).isEqualTo(yaml);
        assertThatThrownBy(() -> ServerSideApplyDispatcher.parsePatch("{\"metadata\": ")).isInstanceOf(
                java.io.IOException.class);
    }

    @Test
    void applyCreatesThenMergesAndAnUnchangedApplyWritesNothingNew() {
        try (TestingCluster cluster = new TestingCluster()) {
            KubernetesClient client = cluster.client();
            ConfigMap desired = new ConfigMapBuilder().withNewMetadata().withName("a").withNamespace("default").endMetadata()
                    .addToData("k", "1").build();
            ConfigMap created = client.resource(desired).fieldManager("m").forceConflicts().serverSideApply();
            ConfigMap again = client.resource(desired).fieldManager("m").forceConflicts().serverSideApply();
            assertThat(again.getMetadata().getResourceVersion()).isEqualTo(created.getMetadata().getResourceVersion());
            assertThat(again.getMetadata().getManagedFields()).singleElement()
                    .satisfies(entry -> assertThat(entry.getManager()).isEqualTo("m"));
            desired.getData().put("k", "2");
            ConfigMap changed = client.resource(desired).fieldManager("m").forceConflicts().serverSideApply();
            assertThat(changed.getData()).containsEntry("k", "2");
            assertThat(changed.getMetadata().getResourceVersion()).isNotEqualTo(created.getMetadata().getResourceVersion());
        }
    }

    @Test
    void anApplyWithAResourceVersionIsAPreconditionAsOnTheApiServer() {
        try (TestingCluster cluster = new TestingCluster()) {
            KubernetesClient client = cluster.client();
            ConfigMap desired = new ConfigMapBuilder().withNewMetadata().withName("a").withNamespace("default").endMetadata()
                    .addToData("k", "1").build();
            ConfigMap created = client.resource(desired).fieldManager("m").forceConflicts().serverSideApply();
            desired.getData().put("k", "2");
            desired.getMetadata().setResourceVersion(created.getMetadata().getResourceVersion());
            ConfigMap updated = client.resource(desired).fieldManager("m").forceConflicts().serverSideApply();
            assertThat(updated.getData()).containsEntry("k", "2");

            desired.getData().put("k", "3");   // still carries the version the last apply replaced
            assertThatThrownBy(() -> client.resource(desired).fieldManager("m").forceConflicts().serverSideApply())
                    .isInstanceOfSatisfying(io.fabric8.kubernetes.client.KubernetesClientException.class,
                            e -> assertThat(e.getCode()).isEqualTo(409));
            assertThat(client.configMaps().inNamespace("default").withName("a").get().getData()).containsEntry("k", "2");
        }
    }

    /** Applies {@code changed} after {@code original} and returns the API error the second apply met (or fails). */
    private static io.fabric8.kubernetes.client.KubernetesClientException refused(
            io.fabric8.kubernetes.api.model.HasMetadata original, io.fabric8.kubernetes.api.model.HasMetadata changed) {
        try (TestingCluster cluster = new TestingCluster()) {
            KubernetesClient client = cluster.client();
            client.resource(original).fieldManager("m").forceConflicts().serverSideApply();
            try {
                client.resource(changed).fieldManager("m").forceConflicts().serverSideApply();
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                return e;
            }
            throw new AssertionError("the change was accepted: " + changed);
        }
    }

    private static io.fabric8.kubernetes.api.model.apps.StatefulSet statefulSet(java.util.function.Consumer<
            io.fabric8.kubernetes.api.model.apps.StatefulSetSpec> change) {
        io.fabric8.kubernetes.api.model.apps.StatefulSet set = new io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder()
                .withNewMetadata().withName("db").withNamespace("default").endMetadata()
                .withNewSpec().withServiceName("db").withReplicas(1).withPodManagementPolicy("OrderedReady")
                .withNewSelector().addToMatchLabels("app", "db").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "db").endMetadata().withNewSpec()
                .addNewContainer().withName("postgres").withImage("postgres:17").endContainer().endSpec().endTemplate()
                .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata().withNewSpec()
                .withNewResources().addToRequests("storage", new io.fabric8.kubernetes.api.model.Quantity("1Gi"))
                .endResources().endSpec().endVolumeClaimTemplate()
                .endSpec().build();
        change.accept(set.getSpec());
        return set;
    }

    @Test
    void aStatefulSetRefusesChangesOutsideReplicasTemplateAndUpdateStrategy() {
        for (java.util.function.Consumer<io.fabric8.kubernetes.api.model.apps.StatefulSetSpec> change : java.util.List.<
                java.util.function.Consumer<io.fabric8.kubernetes.api.model.apps.StatefulSetSpec>>of(
                spec -> spec.getSelector().getMatchLabels().put("tier", "db"),
                spec -> spec.setServiceName("other"),
                spec -> spec.getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests().put("storage",
                        new io.fabric8.kubernetes.api.model.Quantity("2Gi")),
                spec -> spec.setPodManagementPolicy("Parallel"))) {
            var error = refused(statefulSet(spec -> { }), statefulSet(change));
            assertThat(error.getCode()).isEqualTo(422);
            assertThat(error.getStatus().getReason()).isEqualTo("Invalid");
            assertThat(error.getStatus().getMessage()).startsWith("StatefulSet.apps \"db\" is invalid: spec: Forbidden:"
                    + " updates to statefulset spec for fields other than 'replicas'");
        }
        try (TestingCluster cluster = new TestingCluster()) {   // what may change, does
            KubernetesClient client = cluster.client();
            client.resource(statefulSet(spec -> { })).fieldManager("m").forceConflicts().serverSideApply();
            var scaled = client.resource(statefulSet(spec -> {
                spec.setReplicas(3);
                spec.getTemplate().getSpec().getContainers().get(0).setImage("postgres:17.1");
            })).fieldManager("m").forceConflicts().serverSideApply();
            assertThat(scaled.getSpec().getReplicas()).isEqualTo(3);
        }
    }

    @Test
    void aServicesClusterIpMayNotChangeOnceSet() {
        java.util.function.Function<String, io.fabric8.kubernetes.api.model.Service> service = ip ->
                new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewMetadata().withName("s").withNamespace("default")
                        .endMetadata().withNewSpec().withClusterIP(ip).addNewPort().withPort(80).endPort().endSpec().build();
        var error = refused(service.apply("10.0.0.10"), service.apply("10.0.0.11"));
        assertThat(error.getCode()).isEqualTo(422);
        assertThat(error.getStatus().getMessage()).isEqualTo("Service \"s\" is invalid: spec.clusterIPs[0]: Invalid"
                + " value: []string{\"10.0.0.11\"}: may not change once set");
    }

    @Test
    void aJobsTemplateIsImmutable() {
        java.util.function.Function<String, io.fabric8.kubernetes.api.model.batch.v1.Job> job = image ->
                new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder().withNewMetadata().withName("j")
                        .withNamespace("default").endMetadata().withNewSpec().withNewTemplate().withNewSpec()
                        .withRestartPolicy("Never").addNewContainer().withName("c").withImage(image).endContainer()
                        .endSpec().endTemplate().endSpec().build();
        var error = refused(job.apply("busybox:1"), job.apply("busybox:2"));
        assertThat(error.getCode()).isEqualTo(422);
        assertThat(error.getStatus().getMessage()).isEqualTo("Job.batch \"j\" is invalid: spec.template: Invalid value:"
                + " field is immutable");
    }

    @Test
    void immutableSecretsAndConfigMapsRefuseNewData() {
        ConfigMap before = new ConfigMapBuilder().withNewMetadata().withName("c").withNamespace("default").endMetadata()
                .withImmutable(true).addToData("k", "1").build();
        ConfigMap after = new ConfigMapBuilder(before).addToData("k", "2").build();
        var error = refused(before, after);
        assertThat(error.getCode()).isEqualTo(422);
        assertThat(error.getStatus().getMessage()).isEqualTo("ConfigMap \"c\" is invalid: data: Forbidden: field is"
                + " immutable when `immutable` is set");
        io.fabric8.kubernetes.api.model.Secret secret = new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata().withName("s").withNamespace("default").endMetadata().withImmutable(true)
                .addToData("k", "MQ==").build();
        var secretError = refused(secret, new io.fabric8.kubernetes.api.model.SecretBuilder(secret)
                .addToData("k", "Mg==").build());
        assertThat(secretError.getStatus().getMessage()).startsWith("Secret \"s\" is invalid: data: Forbidden");
    }

    @Test
    void aClaimGrowsButNeverShrinks() {
        java.util.function.Function<String, io.fabric8.kubernetes.api.model.PersistentVolumeClaim> claim = size ->
                new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder().withNewMetadata().withName("data")
                        .withNamespace("default").endMetadata().withNewSpec().withAccessModes("ReadWriteOnce")
                        .withNewResources().addToRequests("storage", new io.fabric8.kubernetes.api.model.Quantity(size))
                        .endResources().endSpec().build();
        var error = refused(claim.apply("2Gi"), claim.apply("1Gi"));
        assertThat(error.getCode()).isEqualTo(422);
        assertThat(error.getStatus().getMessage()).isEqualTo("PersistentVolumeClaim \"data\" is invalid:"
                + " spec.resources.requests.storage: Forbidden: field can not be less than status.capacity");
        var modes = refused(claim.apply("2Gi"), new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder(
                claim.apply("2Gi")).editSpec().withAccessModes("ReadWriteMany").endSpec().build());
        assertThat(modes.getStatus().getMessage()).contains("spec is immutable after creation except"
                + " resources.requests");
        var noExpansion = refused(claim.apply("1Gi"), claim.apply("2Gi"));
        assertThat(noExpansion.getCode()).as("no storage class that allows expansion").isEqualTo(403);
        assertThat(noExpansion.getStatus().getMessage()).isEqualTo("persistentvolumeclaims \"data\" is forbidden: only"
                + " dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support"
                + " resize");
        try (TestingCluster cluster = new TestingCluster()) {
            KubernetesClient client = cluster.client();
            client.resource(new io.fabric8.kubernetes.api.model.storage.StorageClassBuilder().withNewMetadata()
                    .withName("standard").addToAnnotations("storageclass.kubernetes.io/is-default-class", "true")
                    .endMetadata().withProvisioner("csi.example").withAllowVolumeExpansion(true).build()).create();
            client.resource(claim.apply("1Gi")).fieldManager("m").forceConflicts().serverSideApply();
            var grown = client.resource(claim.apply("2Gi")).fieldManager("m").forceConflicts().serverSideApply();
            assertThat(grown.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("2Gi");
        }
    }

    @Test
    void nothingIsCreatedInANamespaceThatIsMissingOrBeingTerminated() {
        try (TestingCluster cluster = new TestingCluster()) {
            KubernetesClient client = cluster.client();
            ConfigMap nowhere = new ConfigMapBuilder().withNewMetadata().withName("a").withNamespace("nowhere")
                    .endMetadata().build();
            for (Runnable write : java.util.List.<Runnable>of(() -> client.resource(nowhere).create(),
                    () -> client.resource(nowhere).fieldManager("m").forceConflicts().serverSideApply())) {
                assertThatThrownBy(write::run).isInstanceOfSatisfying(
                        io.fabric8.kubernetes.client.KubernetesClientException.class, e -> {
                            assertThat(e.getCode()).isEqualTo(404);
                            assertThat(e.getStatus().getMessage()).isEqualTo("namespaces \"nowhere\" not found");
                        });
            }

            client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                    .withName("leaving").addToFinalizers("kubernetes").endMetadata().build()).create();
            ConfigMap kept = new ConfigMapBuilder().withNewMetadata().withName("kept").withNamespace("leaving")
                    .endMetadata().addToData("k", "1").build();
            client.resource(kept).create();
            client.namespaces().withName("leaving").delete();
            assertThat(client.namespaces().withName("leaving").get().getMetadata().getDeletionTimestamp())
                    .as("terminating while its finalizer stays").isNotNull();
            ConfigMap late = new ConfigMapBuilder().withNewMetadata().withName("late").withNamespace("leaving")
                    .endMetadata().build();
            assertThatThrownBy(() -> client.resource(late).fieldManager("m").forceConflicts().serverSideApply())
                    .isInstanceOfSatisfying(io.fabric8.kubernetes.client.KubernetesClientException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(403);
                        assertThat(e.getStatus().getMessage()).isEqualTo("configmaps \"late\" is forbidden: unable to"
                                + " create new content in namespace leaving because it is being terminated");
                    });
            // what is there may still change (the API server forbids only new content)
            kept.getData().put("k", "2");
            assertThat(client.resource(kept).fieldManager("m").forceConflicts().serverSideApply().getData())
                    .containsEntry("k", "2");
        }
    }

    @Test
    void aNonApplyWriteGetsAnUpdateEntryAndTakesOwnershipOfWhatItChanged() {
        try (TestingCluster cluster = new TestingCluster()) {
            KubernetesClient client = cluster.client();
            ConfigMap desired = new ConfigMapBuilder().withNewMetadata().withName("a").withNamespace("default")
                    .endMetadata().addToData("k", "1").addToData("j", "1").build();
            client.resource(desired).fieldManager("applier").forceConflicts().serverSideApply();
            client.configMaps().inNamespace("default").withName("a").edit(c -> new ConfigMapBuilder(c)
                    .editMetadata().addToAnnotations("note", "by hand").endMetadata().addToData("k", "2").build());

            var entries = client.configMaps().inNamespace("default").withName("a").get().getMetadata()
                    .getManagedFields();
            assertThat(entries).extracting(e -> e.getManager() + "/" + e.getOperation())
                    .containsExactlyInAnyOrder("applier/Apply", "fabric8-kubernetes-client/Update");
            var update = entries.stream().filter(e -> e.getOperation().equals("Update")).findFirst().orElseThrow();
            String updated = update.getFieldsV1().getAdditionalProperties().toString();
            assertThat(updated).contains("f:k").contains("f:note").doesNotContain("f:j");
            var apply = entries.stream().filter(e -> e.getOperation().equals("Apply")).findFirst().orElseThrow();
            String applied = apply.getFieldsV1().getAdditionalProperties().toString();
            assertThat(applied).as("ownership of k moved to the writer").contains("f:j").doesNotContain("f:k");

            // the applier applies again without k: k stays (it is the writer's now), j is the applier's
            ConfigMap again = new ConfigMapBuilder().withNewMetadata().withName("a").withNamespace("default")
                    .endMetadata().addToData("j", "1").build();
            assertThat(client.resource(again).fieldManager("applier").forceConflicts().serverSideApply().getData())
                    .containsEntry("k", "2").containsEntry("j", "1");
        }
    }

    @Test
    void anApplyWithoutForceThatChangesAnotherManagersFieldIsAConflictNamingIt() {
        try (TestingCluster cluster = new TestingCluster()) {
            KubernetesClient client = cluster.client();
            client.resource(new ConfigMapBuilder().withNewMetadata().withName("a").withNamespace("default")
                    .endMetadata().addToData("k", "1").build()).fieldManager("first").forceConflicts().serverSideApply();
            ConfigMap same = new ConfigMapBuilder().withNewMetadata().withName("a").withNamespace("default")
                    .endMetadata().addToData("k", "1").build();
            assertThat(client.resource(same).fieldManager("second").serverSideApply().getData())
                    .as("the same value: shared ownership, no conflict").containsEntry("k", "1");
            ConfigMap other = new ConfigMapBuilder().withNewMetadata().withName("a").withNamespace("default")
                    .endMetadata().addToData("k", "2").build();
            assertThatThrownBy(() -> client.resource(other).fieldManager("third").serverSideApply())
                    .isInstanceOfSatisfying(io.fabric8.kubernetes.client.KubernetesClientException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(409);
                        assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
                        assertThat(e.getStatus().getMessage()).startsWith("Apply failed with 2 conflicts:")
                                .contains("conflict with \"first\"").contains("conflict with \"second\"")
                                .contains(": .data.k");
                    });
            assertThat(client.resource(other).fieldManager("third").forceConflicts().serverSideApply().getData())
                    .as("forced, the write takes the field").containsEntry("k", "2");
        }
    }

    private static ConfigMap withFinalizers(String... finalizers) {
        return new ConfigMapBuilder().withNewMetadata().withName("f").withNamespace("default")
                .withFinalizers(finalizers).endMetadata().addToData("k", "1").build();
    }

    @Test
    void finalizersAreASetEachManagerAddsItsOwnToAndTakesOnlyItsOwnFrom() {
        try (TestingCluster cluster = new TestingCluster()) {
            KubernetesClient client = cluster.client();
            var live = client.configMaps().inNamespace("default").withName("f");
            client.resource(withFinalizers("example.com/first")).fieldManager("first").forceConflicts()
                    .serverSideApply();
            // another manager applies its own finalizer, without force: no conflict, the values are merged
            client.resource(withFinalizers("example.com/second")).fieldManager("second").serverSideApply();
            assertThat(live.get().getMetadata().getFinalizers()).containsExactly("example.com/first",
                    "example.com/second");
            // the first no longer applies its finalizer: only its value goes
            client.resource(withFinalizers()).fieldManager("first").forceConflicts().serverSideApply();
            assertThat(live.get().getMetadata().getFinalizers()).containsExactly("example.com/second");
            // a non-apply write that adds one owns the value it added, and nothing else of the set
            Edits.edit(live, c -> {
                c.getMetadata().getFinalizers().add("example.com/third");
                return c;
            });
            var entries = live.get().getMetadata().getManagedFields();
            assertThat(entries).filteredOn(e -> "Update".equals(e.getOperation())).singleElement()
                    .satisfies(e -> assertThat(ServerSideApplyDispatcher.JSON.valueToTree(e.getFieldsV1())
                            .path("f:metadata").path("f:finalizers").fieldNames()).toIterable()
                            .containsExactly("v:\"example.com/third\""));
            // the second drops its finalizer entirely: the writer's value stays
            client.resource(new ConfigMapBuilder().withNewMetadata().withName("f").withNamespace("default")
                    .endMetadata().build()).fieldManager("second").forceConflicts().serverSideApply();
            assertThat(live.get().getMetadata().getFinalizers()).containsExactly("example.com/third");
        }
    }

    @Test
    void anObjectDeletedAndMadeAgainKeepsNoOwnerOfItsStatusOrFields() {
        try (TestingCluster cluster = new TestingCluster()) {
            KubernetesClient client = cluster.client();
            io.flowstack.crds.v1alpha1.tenant.Tenant tenant = Examples.tenant("acme.yaml");
            client.resource(tenant).fieldManager("gitops").forceConflicts().serverSideApply();
            var applied = client.resources(io.flowstack.crds.v1alpha1.tenant.Tenant.class).withName("acme").get();
            applied.setStatus(new io.flowstack.crds.v1alpha1.tenant.TenantStatus());
            applied.getStatus().namespace = "tenant-acme";
            applied.getMetadata().setManagedFields(null);
            applied.getMetadata().setResourceVersion(null);
            client.resource(applied).subresource("status").patch(new io.fabric8.kubernetes.client.dsl.base
                    .PatchContext.Builder().withPatchType(io.fabric8.kubernetes.client.dsl.base.PatchType
                    .SERVER_SIDE_APPLY).withFieldManager("operator").withForce(true).build(), applied);
            String path = "/apis/flowstack.io/v1alpha1/tenants/acme";
            assertThat(cluster.dispatcher().statusManagers(path)).containsExactly("operator");

            client.resources(io.flowstack.crds.v1alpha1.tenant.Tenant.class).withName("acme").delete();
            Eventually.within(java.time.Duration.ofSeconds(10), () -> assertThat(client.resources(
                    io.flowstack.crds.v1alpha1.tenant.Tenant.class).withName("acme").get()).isNull());
            client.resource(Examples.tenant("acme.yaml")).fieldManager("gitops").forceConflicts().serverSideApply();
            var again = client.resources(io.flowstack.crds.v1alpha1.tenant.Tenant.class).withName("acme").get();
            assertThat(again.getStatus() == null || again.getStatus().namespace == null).as("no status").isTrue();
            assertThat(again.getMetadata().getManagedFields()).extracting(m -> m.getManager())
                    .containsExactly("gitops");
            assertThat(cluster.dispatcher().statusManagers(path)).as("status owners went with the object").isEmpty();
        }
    }
}
