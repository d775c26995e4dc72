package io.flowstack.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowstack.crds.expression.Cel;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.testing.Eventually;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.testing.TestingCluster;
import io.flowstack.operator.testing.TestingOperator;
import io.flowstack.operator.testing.TestingWorkloads;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chart as a platform team installs it: names under overrides and as a subchart, the guard on the operator's
 * RoleBindings, the Kubernetes versions it supports, every rendered object a valid object of its kind, and the
 * README's install applied to the cluster double, where a Tenant then becomes Ready.
 */
class ChartInstallTest {
    private static final Path CHART = Examples.root().getParent().resolve("charts/flowstack");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<JsonNode> render(String kubeVersion, Map<String, Object> values) throws IOException {
        var template = new Helm(CHART).template().withName("flowstack").withNamespace("flowstack-system")
                .withKubeVersion(kubeVersion);
        values.forEach(template::set);
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(template.call())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(doc -> {
                if (doc != null && !doc.isNull() && doc.has("kind")) {
                    documents.add(doc);
                }
            });
        }
        return documents;
    }

    private static List<String> names(List<JsonNode> documents) {
        return documents.stream().map(d -> d.path("kind").asText() + "/" + d.path("metadata").path("name").asText())
                .toList();
    }

    @Test
    void namesFollowTheOverridesAndTheChartWorksAsASubchartWithGlobalValues() throws IOException {
        assertThat(names(render("1.31.0", Map.of()))).contains("Deployment/flowstack", "ServiceAccount/flowstack",
                "ClusterRole/flowstack", "Role/flowstack-leader");
        List<JsonNode> renamed = render("1.31.0", Map.of("fullnameOverride", "platform-flowstack-operator"));
        assertThat(names(renamed)).allSatisfy(name -> assertThat(name).contains("/platform-flowstack-operator"));
        JsonNode deployment = renamed.stream().filter(d -> d.path("kind").asText().equals("Deployment")).findFirst()
                .orElseThrow();
        assertThat(deployment.path("spec").path("template").path("spec").path("serviceAccountName").asText())
                .isEqualTo("platform-flowstack-operator");
        assertThat(names(render("1.31.0", Map.of("nameOverride", "ops")))).contains("Deployment/flowstack-ops");
        // a parent chart's global values reach every subchart: accepted, whatever they hold
        assertThat(render("1.31.0", Map.of("global.imageRegistry", "registry.example", "global.storageClass", "fast")))
                .isNotEmpty();
    }

    @Test
    void everyRenderedObjectIsAValidObjectOfItsKind() throws IOException {
        List<JsonNode> documents = new ArrayList<>(render("1.31.0", Map.of("monitoring.dashboards.enabled", true)));
        documents.addAll(render("1.31.0", Map.of("watchNamespaces[0]", "team-a", "watchNamespaces[1]", "team-b")));
        documents.addAll(render("1.31.0", Map.of("fullnameOverride", "ops", "global.imageRegistry", "r.example")));
        for (JsonNode document : documents) {
            HasMetadata object = Serialization.unmarshal(document.toString(), HasMetadata.class);
            if (!document.path("apiVersion").asText().startsWith("monitoring.coreos.com/")) {
                assertThat(object).as("%s parses as its kind", document.path("kind").asText())
                        .isNotInstanceOf(GenericKubernetesResource.class);
            }
            assertThat(object.getMetadata().getName()).isNotBlank();
            assertThat(JSON.valueToTree(object).path("kind").asText()).isEqualTo(document.path("kind").asText());
        }
    }

    @Test
    void supportedKubernetesVersionsAreThoseOfTheCrdsRules() throws IOException {
        assertThatThrownBy(() -> render("1.27.9", Map.of())).hasMessageContaining("kubeVersion");
        assertThat(render("1.28.0", Map.of())).isNotEmpty();
    }

    @Test
    void theOperatorsRoleBindingsAreKeptToTenantNamespacesWhereTheClusterCanEnforceIt() throws Exception {
        assertThat(names(render("1.29.0", Map.of()))).noneMatch(n -> n.startsWith("ValidatingAdmissionPolicy"));
        assertThat(names(render("1.31.0", Map.of("rbacGuard.enabled", false))))
                .noneMatch(n -> n.startsWith("ValidatingAdmissionPolicy"));
        List<JsonNode> documents = render("1.31.0", Map.of());
        JsonNode policy = documents.stream().filter(d -> d.path("kind").asText().equals("ValidatingAdmissionPolicy"))
                .findFirst().orElseThrow();
        JsonNode binding = documents.stream().filter(d -> d.path("kind").asText()
                .equals("ValidatingAdmissionPolicyBinding")).findFirst().orElseThrow();
        assertThat(binding.path("spec").path("policyName").asText()).isEqualTo(policy.path("metadata").path("name")
                .asText());
        assertThat(binding.path("spec").path("validationActions").toString()).isEqualTo("[\"Deny\"]");

        // the policy's expressions, evaluated as the API server would
        Cel cel = Cel.forAdmissionPolicies();
        String match = policy.path("spec").path("matchConditions").get(0).path("expression").asText();
        String rule = policy.path("spec").path("validations").get(0).path("expression").asText();
        Map<String, Object> byOperator = Map.of("userInfo", Map.of("username",
                "system:serviceaccount:flowstack-system:flowstack"));
        Map<String, Object> bySomeoneElse = Map.of("userInfo", Map.of("username", "jane@acme.example"));
        assertThat(cel.evaluate(match, Map.of("request", byOperator))).isEqualTo(true);
        assertThat(cel.evaluate(match, Map.of("request", bySomeoneElse))).isEqualTo(false);
        Map<String, Object> tenantNamespace = Map.of("metadata", Map.of("name", "tenant-acme", "labels", Map.of(
                "app.kubernetes.io/managed-by", "flowstack-operator", "flowstack.io/tenant", "acme")));
        Map<String, Object> kubeSystem = Map.of("metadata", Map.of("name", "kube-system", "labels", Map.of(
                "kubernetes.io/metadata.name", "kube-system")));
        Map<String, Object> unlabelled = Map.of("metadata", Map.of("name", "team-x"));
        assertThat(cel.evaluate(rule, Map.of("namespaceObject", tenantNamespace))).isEqualTo(true);
        assertThat(cel.evaluate(rule, Map.of("namespaceObject", kubeSystem))).isEqualTo(false);
        assertThat(cel.evaluate(rule, Map.of("namespaceObject", unlabelled))).isEqualTo(false);
    }

    @Test
    void valuesOfTheWrongTypeOrUnknownKeysAreRefused() {
        assertThatThrownBy(() -> render("1.31.0", Map.of("replicas", "two"))).hasMessageContaining("replicas");
        assertThatThrownBy(() -> render("1.31.0", Map.of("image.registry", "x"))).hasMessageContaining("registry");
        assertThatThrownBy(() -> render("1.31.0", Map.of("rbacGuard.enabled", "yes")))
                .hasMessageContaining("rbacGuard");
    }

    /** README: `helm install flowstack charts/flowstack -n flowstack-system --create-namespace`, then a Tenant. */
    @Test
    void theReadmesInstallAppliedToTheClusterDoubleServesATenant() throws IOException {
        try (TestingCluster cluster = new TestingCluster()) {
            var client = cluster.client();
            client.resource(new NamespaceBuilder().withNewMetadata().withName("flowstack-system").endMetadata()
                    .build()).create();
            for (JsonNode document : render("1.31.0", Map.of())) {
                HasMetadata object = Serialization.unmarshal(document.toString(), HasMetadata.class);
                assertThat(client.resource(object).fieldManager("helm").forceConflicts().serverSideApply())
                        .as("%s applied", document.path("kind").asText()).isNotNull();
            }
            assertThat(client.apps().deployments().inNamespace("flowstack-system").withName("flowstack").get())
                    .isNotNull();
            try (TestingOperator operator = new TestingOperator(client).start();
                 TestingWorkloads workloads = new TestingWorkloads(client).start()) {
                client.resource(Examples.tenant("acme.yaml")).create();
                Eventually.within(Duration.ofSeconds(30), () -> assertThat(Conditions.isTrue(client.resources(
                        Tenant.class).withName("acme").get().getStatus().conditions, "Ready")).isTrue());
            }
        }
    }
}
