package io.flowstack.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.tenant.DeletionPolicy;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.common.WatchedNamespaces;
import io.flowstack.operator.tenant.desired.SecretValues;
import io.flowstack.operator.testing.Eventually;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.testing.GarbageCollector;
import io.flowstack.operator.testing.OfflineStacks;
import io.flowstack.operator.testing.RbacAuthorizer;
import io.flowstack.operator.testing.StackInventory;
import io.flowstack.operator.testing.TestingCluster;
import io.flowstack.operator.testing.TestingOperator;
import io.flowstack.operator.testing.TestingWorkloads;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * watchNamespaces as a platform team uses it: the chart narrows the operator's rights to Roles in the listed
 * namespaces, and the operator, running with exactly those rights (the cluster double enforces the rendered RBAC on
 * its requests), builds a Tenant's stack in a listed namespace, refuses Tenants elsewhere with a reason, never touches
 * another namespace, and on deletion leaves the platform team's namespace in place.
 */
class WatchNamespacesTest {
    private static final Map<String, Object> WATCHED = Map.of("watchNamespaces[0]", "team-a",
            "watchNamespaces[1]", "team-b", "watchNamespaces[2]", "team-c");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static List<JsonNode> render(Map<String, Object> values) throws IOException {
        return ChartInstallTest.render("1.31.0", values);
    }

    private static List<JsonNode> of(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    @Test
    void theChartNarrowsTheOperatorsRightsToRolesInTheListedNamespaces() throws IOException {
        List<HasMetadata> objects = objects(render(WATCHED));
        RbacAuthorizer rights = RbacAuthorizer.of(objects, "flowstack-system", "flowstack");
        for (String namespace : List.of("team-a", "team-b", "team-c")) {
            for (HasMetadata object : OfflineStacks.objects(Examples.tenant("acme.yaml"), b -> "x")) {
                if (object instanceof Namespace) {
                    continue;   // cluster-scoped: below
                }
                for (String verb : List.of("create", "patch", "watch", "delete")) {
                    assertThat(rights.allows(verb, group(object), HasMetadata.getPlural(object.getClass()), namespace,
                            "x")).as("%s %s in %s", verb, object.getKind(), namespace).isTrue();
                }
            }
            assertThat(rights.allows("delete", "", "persistentvolumeclaims", namespace, "data-postgres-0")).isTrue();
        }
        for (String plural : List.of("secrets", "deployments", "rolebindings", "workflows", "pods")) {
            String group = plural.equals("deployments") ? "apps" : plural.equals("rolebindings")
                    ? "rbac.authorization.k8s.io" : plural.equals("workflows") ? "flowstack.io" : "";
            assertThat(rights.allows("list", group, plural, null, null)).as("list %s cluster-wide", plural).isFalse();
            assertThat(rights.allows("get", group, plural, "kube-system", "x")).as("%s in kube-system", plural)
                    .isFalse();
        }
        assertThat(rights.allows("create", "", "namespaces", null, null)).isFalse();
        assertThat(rights.allows("patch", "", "namespaces", null, "kube-system")).isFalse();
        assertThat(rights.allows("patch", "", "namespaces", null, "team-b")).isTrue();
        assertThat(rights.allows("delete", "", "namespaces", null, "team-b")).isFalse();
        assertThat(rights.allows("watch", "flowstack.io", "tenants", null, null)).isTrue();
        assertThat(rights.allows("get", "", "secrets", "flowstack-system", "shared-admin"))
                .as("Secrets referenced without a namespace are read in the operator's").isTrue();

        JsonNode container = of(render(WATCHED), "Deployment").get(0)
                .at("/spec/template/spec/containers/0");
        assertThat(container.path("env").toString())
                .contains("{\"name\":\"FLOWSTACK_WATCH_NAMESPACES\",\"value\":\"team-a,team-b,team-c\"}");

        List<JsonNode> defaults = render(Map.of());
        assertThat(of(defaults, "Role")).extracting(r -> r.at("/metadata/namespace").asText())
                .containsOnly("flowstack-system");
        assertThat(of(defaults, "Deployment").get(0).toString()).doesNotContain("FLOWSTACK_WATCH_NAMESPACES");
        RbacAuthorizer all = RbacAuthorizer.of(objects(defaults), "flowstack-system", "flowstack");
        assertThat(all.allows("list", "", "secrets", null, null)).isTrue();
        assertThat(all.allows("create", "", "namespaces", null, null)).isTrue();
    }

    @Test
    void theSchemaRefusesNamesThatAreNotNamespaces() {
        assertThatThrownBy(() -> render(Map.of("watchNamespaces[0]", "Team_A"))).hasMessageContaining("watchNamespaces");
        assertThatThrownBy(() -> render(Map.of("watchNamespaces", "team-a"))).hasMessageContaining("watchNamespaces");
        assertThatThrownBy(() -> render(Map.of("watchNamespaces[0]", "team-a",
                "watchNamespaces[1]", "team-a")))
                .hasMessageContaining("watchNamespaces");
    }

    @Test
    void anOperatorWithOnlyTheChartsRolesBuildsInListedNamespacesAndNowhereElse() throws Exception {
        try (TestingCluster cluster = new TestingCluster()) {
            KubernetesClient client = cluster.client();
            for (String namespace : List.of("flowstack-system", "team-a", "team-b", "elsewhere")) {
                client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                        .create();
            }
            List<HasMetadata> objects = objects(render(WATCHED));
            for (HasMetadata object : objects) {
                if (!"team-c".equals(object.getMetadata().getNamespace())) {   // team-c was deleted since the install
                    client.resource(object).fieldManager("helm").forceConflicts().serverSideApply();
                }
            }
            RbacAuthorizer rights = RbacAuthorizer.of(objects, "flowstack-system", "flowstack");
            OperatorSettings settings = OperatorSettings.defaults()
                    .watching(WatchedNamespaces.of(List.of("team-a", "team-b", "team-c")));
            try (TestingOperator operator = new TestingOperator(cluster.clientOf(rights), settings,
                    SecretValues.secure(), Clock.systemUTC()).start();
                 TestingWorkloads workloads = new TestingWorkloads(client).start()) {
                client.resource(tenant("alpha", "team-a", DeletionPolicy.Delete)).create();
                client.resource(tenant("beta", "elsewhere", DeletionPolicy.Delete)).create();
                client.resource(tenant("gamma", "team-c", DeletionPolicy.Retain)).create();
                awaitReason(client, "alpha", "StackReady");
                awaitReason(client, "beta", "NamespaceNotWatched");
                awaitReason(client, "gamma", "NamespaceMissing");
                assertThat(message(client, "beta")).contains("spec.namespace: namespace elsewhere is not one the"
                        + " operator watches (team-a, team-b, team-c)");

                Namespace teamA = client.namespaces().withName("team-a").get();
                assertThat(teamA.getMetadata().getLabels()).containsEntry(Labels.TENANT, "alpha")
                        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
                assertThat(teamA.getMetadata().getOwnerReferences()).as("the namespace is the platform team's")
                        .isNullOrEmpty();
                assertThat(client.namespaces().withName("team-c").get()).as("never created").isNull();
                assertThat(client.namespaces().withName("elsewhere").get().getMetadata().getLabels()).isNullOrEmpty();
                assertThat(StackInventory.of(client, "beta")).isEmpty();

                Integration watched = integration("team-a");
                Integration other = integration("elsewhere");
                operator.awaitReconciled(TIMEOUT, () -> {
                    client.resource(other).create();
                    client.resource(watched).create();
                }, Integration.class, "team-a", List.of(watched.getMetadata().getName()));
                Eventually.within(TIMEOUT, () -> assertThat(client.resource(watched).get().getStatus()).isNotNull());
                assertThat(operator.reconciliations(Integration.class, "elsewhere", other.getMetadata().getName()))
                        .as("an Integration outside the listed namespaces is not seen").isZero();
                assertThat(client.resource(other).get().getStatus()).isNull();

                assertThat(rights.refused()).as("requests the chart's RBAC refused").isEmpty();
                KubernetesClient operatorClient = cluster.clientOf(rights);
                assertThatThrownBy(() -> operatorClient.secrets().inAnyNamespace().list())
                        .as("the double enforces the Roles").hasMessageContaining("Forbidden");
                assertThatThrownBy(() -> operatorClient.secrets().inNamespace("elsewhere").list())
                        .hasMessageContaining("Forbidden");
                assertThat(rights.refused()).containsExactly("list secrets", "list secrets elsewhere/");

                client.resource(new PersistentVolumeClaimBuilder().withNewMetadata().withName("data-postgres-0")
                        .withNamespace("team-a").withLabels(Labels.of(tenant("alpha", "team-a", null),
                                Labels.COMPONENT_DATABASE)).endMetadata().build()).create();
                client.resources(Tenant.class).withName("alpha").delete();
                client.resources(Tenant.class).withName("beta").delete();
                Eventually.within(TIMEOUT, () -> {
                    assertThat(client.resources(Tenant.class).withName("alpha").get()).isNull();
                    assertThat(client.resources(Tenant.class).withName("beta").get()).isNull();
                });
                GarbageCollector.collect(client);
                Namespace kept = client.namespaces().withName("team-a").get();
                assertThat(kept).as("deletionPolicy Delete leaves a listed namespace").isNotNull();
                assertThat(kept.getMetadata().getLabels()).doesNotContainKey(Labels.TENANT);
                assertThat(StackInventory.of(client, "alpha")).isEmpty();
                assertThat(client.persistentVolumeClaims().inNamespace("team-a").list().getItems()).isEmpty();
                assertThat(rights.refused()).as("requests the chart's RBAC refused").hasSize(2);
            }
        }
    }

    private static Tenant tenant(String name, String namespace, DeletionPolicy policy) {
        Tenant tenant = Examples.tenant("acme.yaml");
        tenant.getMetadata().setName(name);
        tenant.getSpec().namespace = namespace;
        tenant.getSpec().deletionPolicy = policy;
        return tenant;
    }

    private static Integration integration(String namespace) throws IOException {
        Integration integration = Serialization.unmarshal(Files.readString(Examples.root().resolve("acme")
                .resolve("integration-slack.yaml")), Integration.class);
        integration.getMetadata().setNamespace(namespace);
        return integration;
    }

    private static void awaitReason(KubernetesClient client, String tenant, String reason) {
        Eventually.within(TIMEOUT, () -> {
            Tenant live = client.resources(Tenant.class).withName(tenant).get();
            assertThat(live.getStatus()).isNotNull();
            assertThat(Conditions.find(live.getStatus().conditions, "Ready").orElseThrow().reason).isEqualTo(reason);
        });
    }

    private static String message(KubernetesClient client, String tenant) {
        return Conditions.find(client.resources(Tenant.class).withName(tenant).get().getStatus().conditions, "Ready")
                .orElseThrow().message;
    }

    private static List<HasMetadata> objects(List<JsonNode> documents) {
        List<HasMetadata> objects = new ArrayList<>();
        documents.forEach(d -> objects.add(Serialization.unmarshal(d.toString(), HasMetadata.class)));
        return objects;
    }

    private static String group(HasMetadata object) {
        String apiVersion = HasMetadata.getApiVersion(object.getClass());
        return apiVersion.contains("/") ? apiVersion.split("/")[0] : "";
    }
}
