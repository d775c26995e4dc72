package io.flowstack.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstack.operator.backup.BackupReason;
import io.flowstack.operator.common.Reason;
import io.flowstack.operator.integration.IntegrationReason;
import io.flowstack.operator.tenant.TenantReason;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.workflow.WorkflowReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's Argo CD health check (charts/flowstack/argocd/health.lua) run by a real Lua 5.1 interpreter, the Lua
 * Argo CD embeds, against status fixtures of each kind: Healthy, Progressing (no status, a generation not yet
 * observed, waiting reasons), Degraded (every reason the operator calls a problem, taken from its enums) and Suspended.
 */
class ArgoHealthTest {
    private static final Path SCRIPT = Examples.root().getParent().resolve("charts/flowstack/argocd/health.lua");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Class<? extends Enum<? extends Reason>>> KINDS = Map.of(
            "Tenant", TenantReason.class, "Workflow", WorkflowReason.class, "Integration", IntegrationReason.class,
            "BackupPolicy", BackupReason.class);
    private static final Map<String, JsonNode> FIXTURES = new LinkedHashMap<>();
    private static Map<String, String[]> health;

    private static ObjectNode object(String kind, long generation, Long observed, String... conditions) {
        ObjectNode object = JSON.createObjectNode().put("apiVersion", "flowstack.io/v1alpha1").put("kind", kind);
        object.putObject("metadata").put("name", "x").put("generation", generation);
        object.putObject("spec");
        if (observed != null || conditions.length > 0) {
            ObjectNode status = object.putObject("status");
            if (observed != null) {
                status.put("observedGeneration", observed);
            }
            var list = status.putArray("conditions");
            for (String condition : conditions) {
                String[] parts = condition.split(":", 3);   // type:status:reason
                list.addObject().put("type", parts[0]).put("status", parts[1]).put("reason", parts[2])
                        .put("message", "the operator says " + parts[2]).put("lastTransitionTime",
                                "2026-12-03T10:00:00Z");
            }
        }
        return object;
    }

    private static void fixture(String name, JsonNode object) {
        FIXTURES.put(name, object);
    }

    private static List<String> problems(String kind) {
        return Arrays.stream(KINDS.get(kind).getEnumConstants()).map(r -> (Reason) r).filter(Reason::problem)
                .map(Reason::name).toList();
    }

    @BeforeAll
    static void runEveryFixtureThroughLua() throws Exception {
        for (String kind : KINDS.keySet()) {
            fixture(kind + " new", object(kind, 1, null));
            fixture(kind + " behind", object(kind, 3, 2L, "Ready:True:AsExpected"));
            fixture(kind + " ready", object(kind, 3, 3L, "Ready:True:AsExpected"));
            fixture(kind + " no ready condition", object(kind, 3, 3L, "Other:True:AsExpected"));
            for (String reason : problems(kind)) {
                if (kind.equals("Tenant")) {
                    fixture(kind + " problem " + reason, object(kind, 2, 2L, "Ready:False:" + reason,
                            "Degraded:True:" + reason));
                } else if (reason.equals("BackupFailed")) {
                    fixture(kind + " problem " + reason, object(kind, 2, 2L, "Ready:True:Scheduled",
                            "BackupSucceeded:False:" + reason));
                } else if (reason.equals("DrillFailed")) {
                    fixture(kind + " problem " + reason, object(kind, 2, 2L, "Ready:True:Scheduled",
                            "BackupSucceeded:True:BackupSucceeded", "Verified:False:" + reason));
                } else {
                    fixture(kind + " problem " + reason, object(kind, 2, 2L, "Ready:False:" + reason));
                }
            }
        }
        fixture("Tenant building", object("Tenant", 1, 1L, "Ready:False:Progressing", "Degraded:False:AsExpected"));
        fixture("Workflow projecting", object("Workflow", 1, 1L, "Ready:False:Projecting"));
        fixture("Workflow loading", object("Workflow", 1, 1L, "Ready:False:Loading"));
        fixture("Integration runtime not ready", object("Integration", 1, 1L, "Ready:False:RuntimeNotReady"));
        fixture("BackupPolicy no backup yet", object("BackupPolicy", 1, 1L, "Ready:True:Scheduled",
                "BackupSucceeded:Unknown:NoBackupYet"));
        fixture("Workflow suspended", object("Workflow", 1, 1L, "Ready:False:Suspended"));
        fixture("Workflow maintenance", object("Workflow", 1, 1L, "Ready:False:Maintenance"));
        ObjectNode tenant = object("Tenant", 1, 1L, "Ready:True:StackReady", "Degraded:False:AsExpected");
        ((ObjectNode) tenant.get("spec")).putObject("runtime").put("suspend", true);
        fixture("Tenant suspended", tenant);
        ObjectNode policy = object("BackupPolicy", 1, 1L, "Ready:True:Suspended");
        ((ObjectNode) policy.get("spec")).put("suspend", true);
        fixture("BackupPolicy suspended", policy);
        ObjectNode workflow = object("Workflow", 1, 1L, "Ready:True:Running");
        ((ObjectNode) workflow.get("spec")).put("suspend", true);
        fixture("Workflow suspended in spec", workflow);
        health = runLua(FIXTURES);
    }

    /** Runs the script once per fixture in one lua5.1 process: {@code obj} set as Argo CD sets it. */
    private static Map<String, String[]> runLua(Map<String, JsonNode> fixtures) throws IOException,
            InterruptedException {
        StringBuilder lua = new StringBuilder("local check = assert(loadfile(")
                .append(LuaLiteral.of(JSON.getNodeFactory().textNode(SCRIPT.toString()))).append("))\n");
        for (Map.Entry<String, JsonNode> fixture : fixtures.entrySet()) {
            lua.append("obj = ").append(LuaLiteral.of(fixture.getValue())).append("\n")
                    .append("do local hs = check(); io.write(").append(LuaLiteral.of(JSON.getNodeFactory()
                            .textNode(fixture.getKey()))).append(", '\\t', hs.status, '\\t', hs.message or '', '\\n')"
                            + " end\n");
        }
        Path file = Files.createTempFile("health-fixtures", ".lua");
        Files.writeString(file, lua);
        Process process = new ProcessBuilder("lua5.1", file.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        Map<String, String[]> results = new LinkedHashMap<>();
        out.lines().forEach(line -> {
            String[] parts = line.split("\t", 3);
            results.put(parts[0], new String[] {parts[1], parts.length > 2 ? parts[2] : ""});
        });
        assertThat(results.keySet()).as("every fixture answered").containsExactlyElementsOf(fixtures.keySet());
        return results;
    }

    private static String status(String fixture) {
        return health.get(fixture)[0];
    }

    @Test
    void newAndNotYetObservedAreProgressing() {
        for (String kind : KINDS.keySet()) {
            assertThat(status(kind + " new")).as(kind).isEqualTo("Progressing");
            assertThat(status(kind + " behind")).as(kind).isEqualTo("Progressing");
            assertThat(health.get(kind + " behind")[1]).contains("generation 3");
            assertThat(status(kind + " no ready condition")).as(kind).isEqualTo("Progressing");
        }
        for (String waiting : List.of("Tenant building", "Workflow projecting", "Workflow loading",
                "Integration runtime not ready")) {
            assertThat(status(waiting)).as(waiting).isEqualTo("Progressing");
        }
    }

    @Test
    void readyForTheCurrentGenerationIsHealthy() {
        for (String kind : KINDS.keySet()) {
            assertThat(status(kind + " ready")).as(kind).isEqualTo("Healthy");
        }
        assertThat(status("BackupPolicy no backup yet")).isEqualTo("Healthy");
    }

    @Test
    void everyReasonTheOperatorCallsAProblemIsDegradedWithItsMessage() {
        List<String> checked = new ArrayList<>();
        for (String kind : KINDS.keySet()) {
            for (String reason : problems(kind)) {
                String[] answer = health.get(kind + " problem " + reason);
                assertThat(answer[0]).as("%s %s", kind, reason).isEqualTo("Degraded");
                assertThat(answer[1]).isEqualTo(reason + ": the operator says " + reason);
                checked.add(kind + "/" + reason);
            }
        }
        assertThat(checked).as("reasons of every kind").hasSizeGreaterThan(20);
    }

    @Test
    void suspensionsAreSuspended() {
        for (String suspended : List.of("Workflow suspended", "Workflow maintenance", "Tenant suspended",
                "BackupPolicy suspended", "Workflow suspended in spec")) {
            assertThat(status(suspended)).as(suspended).isEqualTo("Suspended");
        }
    }

    /** JSON as a Lua 5.1 table constructor, as Argo CD hands an object to a health script. */
    static final class LuaLiteral {
        private LuaLiteral() {
        }

        static String of(JsonNode node) {
            if (node.isObject()) {
                StringBuilder out = new StringBuilder("{");
                node.fields().forEachRemaining(e -> {
                    if (!e.getValue().isNull()) {
                        out.append('[').append(of(JSON.getNodeFactory().textNode(e.getKey()))).append("]=")
                                .append(of(e.getValue())).append(',');
                    }
                });
                return out.append('}').toString();
            }
            if (node.isArray()) {
                StringBuilder out = new StringBuilder("{");
                node.forEach(item -> out.append(of(item)).append(','));
                return out.append('}').toString();
            }
            if (node.isNumber() || node.isBoolean()) {
                return node.asText();
            }
            StringBuilder out = new StringBuilder("\"");
            for (char c : node.asText().toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    default -> out.append(c);
                }
            }
            return out.append('"').toString();
        }
    }
}
