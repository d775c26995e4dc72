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
            ConfigMap desired = new ConfigMapBuilder().withNewMetadata().withName("a").withNamespace("n").endMetadata()
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
            ConfigMap desired = new ConfigMapBuilder().withNewMetadata().withName("a").withNamespace("n").endMetadata()
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
            assertThat(client.configMaps().inNamespace("n").withName("a").get().getData()).containsEntry("k", "2");
        }
    }
}
