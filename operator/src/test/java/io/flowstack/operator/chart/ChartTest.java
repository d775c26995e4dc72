package io.flowstack.operator.chart;

import io.flowstack.operator.testing.OfflineStacks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.tenant.TenantObjects;
import io.flowstack.operator.tenant.desired.OfflineInputs;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.testing.RestrictedPodSecurity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Helm chart, through Helm itself (helm-java): lint, render, and what the rendered objects promise. */
class ChartTest {
    private static final Path CHART = Examples.root().getParent().resolve("charts/flowstack");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The chart rendered for Kubernetes 1.31 (see {@link ChartInstallTest#render} for other versions). */
    private static List<JsonNode> render(Map<String, Object> values) throws IOException {
        return ChartInstallTest.render("1.31.0", values);
    }

    private static JsonNode kind(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> d.path("kind").asText().equals(kind)).findFirst().orElseThrow();
    }

    @Test
    void lintsCleanInStrictMode() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    /**
     * helm-java's lint takes no values: copies of the chart whose values.yaml lists namespaces, overrides the full
     * name, or carries a parent chart's {@code global} values are linted instead.
     */
    @Test
    void lintsCleanInStrictModeUnderEveryVariantOfItsValues(@org.junit.jupiter.api.io.TempDir Path temp)
            throws IOException {
        Map<String, String[]> variants = Map.of(
                "watch-namespaces", new String[] {"watchNamespaces: []", "watchNamespaces: [team-a, team-b]"},
                "fullname-override", new String[] {"fullnameOverride: \"\"", "fullnameOverride: \"platform-ops\""},
                "subchart-global", new String[] {"\nnameOverride: \"\"",
                        "\nnameOverride: \"\"\nglobal:\n  imageRegistry: registry.example"});
        for (Map.Entry<String, String[]> variant : variants.entrySet()) {
            Path copy = temp.resolve(variant.getKey()).resolve("flowstack");
            try (var files = java.nio.file.Files.walk(CHART)) {
                for (Path file : files.toList()) {
                    Path target = copy.resolve(CHART.relativize(file).toString());
                    if (java.nio.file.Files.isDirectory(file)) {
                        java.nio.file.Files.createDirectories(target);
                    } else {
                        java.nio.file.Files.copy(file, target);
                    }
                }
            }
            Path values = copy.resolve("values.yaml");
            String original = java.nio.file.Files.readString(values);
            assertThat(original).as(variant.getKey()).contains(variant.getValue()[0]);
            java.nio.file.Files.writeString(values, original.replace(variant.getValue()[0], variant.getValue()[1]));
            LintResult result = new Helm(copy).lint().strict().call();
            assertThat(result.isFailed()).as(variant.getKey() + ": " + String.join("\n", result.getMessages()))
                    .isFalse();
        }
    }

    @Test
    void theOperatorPodMeetsTheRestrictedProfile() throws IOException {
        Deployment deployment = Serialization.unmarshal(kind(render(Map.of()), "Deployment").toString(), Deployment.class);
        assertThat(RestrictedPodSecurity.violations(deployment.getSpec().getTemplate().getSpec())).isEmpty();
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("ghcr.io/flowstack/operator:0.1.0");
        assertThat(Serialization.unmarshal(kind(render(Map.of("image.digest",
                "sha256:" + "a".repeat(64))), "Deployment").toString(), Deployment.class)
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("ghcr.io/flowstack/operator@sha256:" + "a".repeat(64));
    }

    @Test
    void rbacIsLeastPrivilegeAndCoversEveryObjectOfATenantStack() throws IOException {
        JsonNode role = kind(render(Map.of()), "ClusterRole");
        for (JsonNode rule : role.path("rules")) {
            assertThat(rule.path("verbs").toString()).doesNotContain("\"*\"");
            assertThat(rule.path("resources").toString()).doesNotContain("\"*\"");
            assertThat(rule.path("apiGroups").toString()).doesNotContain("\"*\"");
        }
        JsonNode bind = null;
        for (JsonNode rule : role.path("rules")) {
            if (rule.path("verbs").toString().contains("bind")) {
                bind = rule;
            }
        }
        assertThat(bind).isNotNull();
        assertThat(bind.path("resourceNames").toString()).isEqualTo("[\"admin\"]");

        List<HasMetadata> objects = new java.util.ArrayList<>(OfflineStacks.objects(Examples.tenant("acme.yaml"), b -> "x"));
        // a BackupPolicy's CronJobs and on-demand Jobs
        objects.add(new io.fabric8.kubernetes.api.model.batch.v1.CronJob());
        objects.add(new io.fabric8.kubernetes.api.model.batch.v1.Job());
        for (HasMetadata object : objects) {
            String apiVersion = HasMetadata.getApiVersion(object.getClass());
            String group = apiVersion.contains("/") ? apiVersion.split("/")[0] : "";
            String plural = io.fabric8.kubernetes.api.model.HasMetadata.getPlural(object.getClass());
            assertThat(allows(role, group, plural, "create") && allows(role, group, plural, "patch")
                    && allows(role, group, plural, "watch"))
                    .as("the operator may create, patch and watch %s.%s", plural, group).isTrue();
        }
    }

    @Test
    void theOperatorReadsTheReportsOfBackupJobsAndNothingMoreOfPods() throws IOException {
        JsonNode role = kind(render(Map.of()), "ClusterRole");
        assertThat(allows(role, "", "pods", "watch")).isTrue();
        assertThat(allows(role, "", "pods", "create")).as("backup pods are made by their Jobs").isFalse();
        assertThat(allows(role, "", "persistentvolumeclaims", "get")).isTrue();
        assertThat(allows(role, "", "persistentvolumeclaims", "create")).isFalse();
        assertThat(allows(role, "", "persistentvolumeclaims", "patch")).as("a Managed database's volume expands")
                .isTrue();
        assertThat(allows(role, "", "persistentvolumeclaims", "delete")).isFalse();
    }

    @Test
    void theOperatorMayManageTenantsMonitoringObjectsAndNoMore() throws IOException {
        JsonNode role = kind(render(Map.of()), "ClusterRole");
        for (String plural : List.of("servicemonitors", "prometheusrules")) {
            for (String verb : List.of("get", "create", "patch", "delete")) {
                assertThat(allows(role, "monitoring.coreos.com", plural, verb)).as("%s %s", verb, plural).isTrue();
            }
            assertThat(allows(role, "monitoring.coreos.com", plural, "list")).as("no informer on them").isFalse();
        }
    }

    @Test
    void theOperatorsOwnMonitoringIsRenderedOnlyWhenEnabledAndItsRulesPassPromtool() throws Exception {
        assertThat(render(Map.of())).extracting(d -> d.path("kind").asText())
                .doesNotContain("ServiceMonitor", "PrometheusRule");
        List<JsonNode> enabled = render(Map.of("monitoring.serviceMonitor.enabled", "true",
                "monitoring.prometheusRule.enabled", "true", "monitoring.labels.release", "kube-prometheus"));
        JsonNode monitor = kind(enabled, "ServiceMonitor");
        assertThat(monitor.path("metadata").path("labels").path("release").asText()).isEqualTo("kube-prometheus");
        JsonNode service = enabled.stream().filter(d -> d.path("kind").asText().equals("Service")).findFirst()
                .orElseThrow();
        monitor.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(label ->
                assertThat(service.path("metadata").path("labels").path(label.getKey()).asText())
                        .as("the ServiceMonitor selects the metrics Service by %s", label.getKey())
                        .isEqualTo(label.getValue().asText()));
        JsonNode rule = kind(enabled, "PrometheusRule");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("operator-rules", ".yaml");
        java.nio.file.Files.writeString(file, YAML.writeValueAsString(rule.path("spec")));
        assertThat(io.flowstack.operator.tenant.monitoring.Promtool.run("check", "rules", file.toString()))
                .contains("SUCCESS: 3 rules found");
        for (JsonNode alert : rule.path("spec").path("groups").get(0).path("rules")) {
            assertThat(Examples.root().getParent().resolve("docs/runbooks/" + alert.path("alert").asText() + ".md"))
                    .exists();
        }
    }

    @Test
    void valuesAreCheckedAgainstTheSchema() {
        assertThatThrownBy(() -> render(Map.of("replicas", 0))).hasMessageContaining("replicas");
        assertThatThrownBy(() -> render(Map.of("imageTag", "x"))).hasMessageContaining("imageTag");
    }

    private static boolean allows(JsonNode role, String group, String plural, String verb) {
        for (JsonNode rule : role.path("rules")) {
            if (rule.path("apiGroups").toString().contains("\"" + group + "\"")
                    && rule.path("resources").toString().contains("\"" + plural + "\"")
                    && rule.path("verbs").toString().contains("\"" + verb + "\"") && !rule.has("resourceNames")) {
                return true;
            }
        }
        return false;
    }
}
