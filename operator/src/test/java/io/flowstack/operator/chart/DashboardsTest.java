package io.flowstack.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import io.flowstack.contract.MetricsContract;
import io.flowstack.operator.testing.Examples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards the chart ships: Grafana dashboard JSON (schema version, panels with unique ids and grid
 * positions, a datasource variable every panel uses), queries that read only contract metrics (plus Prometheus's
 * {@code up} and the SDK's reconcile metrics), the tenant dashboard covering every runtime metric of the contract, and
 * ConfigMaps with the sidecar's label only when enabled.
 */
class DashboardsTest {
    private static final Path CHART = Examples.root().getParent().resolve("charts/flowstack");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern METRIC = Pattern.compile("\\b(flowstack_[a-z_]+|operator_sdk_[a-z_.+]+|up)\\b");

    private static List<Path> dashboards() throws Exception {
        try (Stream<Path> files = Files.list(CHART.resolve("dashboards"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static List<String> queries(JsonNode dashboard) {
        List<String> queries = new ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> queries.add(t.path("expr").asText())));
        return queries;
    }

    @Test
    void everyDashboardIsGrafanaDashboardJsonWithADatasourceVariable() throws Exception {
        assertThat(dashboards()).extracting(p -> p.getFileName().toString())
                .containsExactly("flowstack-operator.json", "flowstack-tenant.json");
        for (Path file : dashboards()) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            assertThat(dashboard.path("schemaVersion").asInt()).as(file.toString()).isGreaterThanOrEqualTo(36);
            assertThat(dashboard.path("uid").asText()).isNotBlank().hasSizeLessThanOrEqualTo(40);
            assertThat(dashboard.path("title").asText()).startsWith("Flowstack / ");
            JsonNode variables = dashboard.path("templating").path("list");
            assertThat(variables).anySatisfy(v -> {
                assertThat(v.path("name").asText()).isEqualTo("datasource");
                assertThat(v.path("type").asText()).isEqualTo("datasource");
                assertThat(v.path("query").asText()).isEqualTo("prometheus");
            });
            Set<Integer> ids = new HashSet<>();
            assertThat(dashboard.path("panels")).isNotEmpty().allSatisfy(panel -> {
                assertThat(ids.add(panel.path("id").asInt())).as("unique panel id %s", panel.path("id")).isTrue();
                assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
                assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
                assertThat(panel.path("targets")).isNotEmpty().allSatisfy(t ->
                        assertThat(t.path("expr").asText()).isNotBlank());
            });
        }
    }

    @Test
    void queriesReadOnlyContractMetricsAndTheTenantDashboardCoversTheRuntimesContract() throws Exception {
        Set<String> read = new HashSet<>();
        for (Path file : dashboards()) {
            for (String query : queries(JSON.readTree(file.toFile()))) {
                METRIC.matcher(query).results().map(MatchResult::group).forEach(name -> {
                    read.add(name);
                    assertThat(name.equals("up") || name.startsWith("operator_sdk_")
                            || MetricsContract.of(name).isPresent()).as("%s in %s", name, file.getFileName()).isTrue();
                });
            }
        }
        for (MetricsContract.Metric metric : MetricsContract.RUNTIME) {
            assertThat(read).as("a panel reads %s", metric.name()).anyMatch(n -> n.equals(metric.name())
                    || n.startsWith(metric.name() + "_"));
        }
    }

    @Test
    void theChartShipsThemAsSidecarConfigMapsOnlyWhenEnabled() throws Exception {
        assertThat(render(false)).noneMatch(d -> d.path("kind").asText().equals("ConfigMap"));
        List<JsonNode> maps = render(true).stream().filter(d -> d.path("kind").asText().equals("ConfigMap")).toList();
        assertThat(maps).hasSize(2).allSatisfy(map -> {
            assertThat(map.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
            assertThat(map.path("metadata").path("namespace").asText()).isEqualTo("grafana");
            JsonNode dashboard = JSON.readTree(map.path("data").elements().next().asText());
            assertThat(dashboard.path("title").asText()).startsWith("Flowstack / ");
        });
    }

    private static List<JsonNode> render(boolean enabled) throws Exception {
        var template = new Helm(CHART).template().withName("flowstack").withNamespace("flowstack-system")
                .withKubeVersion("1.31.0").set("monitoring.dashboards.enabled", Boolean.toString(enabled))
                .set("monitoring.dashboards.namespace", "grafana");
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = yaml.getFactory().createParser(template.call())) {
            yaml.readValues(parser, JsonNode.class).forEachRemaining(doc -> {
                if (doc != null && doc.has("kind")) {
                    documents.add(doc);
                }
            });
        }
        return documents;
    }
}
