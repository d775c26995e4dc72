package io.flowstack.operator.tenant.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowstack.crds.v1alpha1.tenant.MonitoringSpec;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.testing.Examples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tenants' alert rules, checked and unit-tested by promtool itself: each alert fires on the series that should
 * fire it (at the threshold, above it) and stays quiet just below it and on a short blip; tenant globex has the
 * defaults, acme overridden thresholds (warning 5 %, critical 15 %, slow 60 s in its example; pool 90 %, runtime down
 * for 10 m and a backup grace of 2 h set here), so the same series fire one and not the other.
 */
class TenantAlertsPromtoolTest {
    private static final String GLOBEX = "tenant-globex";
    private static final String ACME = "tenant-acme";
    @TempDir
    static Path dir;
    private static Path globexRules;
    private static Path acmeRules;
    private static Tenant acme;

    @BeforeAll
    static void rules() throws Exception {
        acme = Examples.tenant("acme.yaml");
        acme.getSpec().monitoring.poolSaturationPercent = 90.0;
        acme.getSpec().monitoring.runtimeDownFor = "10m";
        acme.getSpec().monitoring.backupMissingGrace = "2h";
        Tenant globex = Examples.tenant("globex.yaml");
        assertThat(globex.getSpec().monitoring).as("globex keeps the defaults").satisfiesAnyOf(
                m -> assertThat(m).isNull(), m -> assertThat(m.errorRateWarningPercent).isNull());
        globexRules = Promtool.ruleFile(dir, "globex.yaml", TenantAlerts.desired(globex));
        acmeRules = Promtool.ruleFile(dir, "acme.yaml", TenantAlerts.desired(acme));
    }

    @Test
    void everyRuleGroupPassesPromtoolCheck() throws Exception {
        assertThat(Promtool.run("check", "rules", globexRules.toString(), acmeRules.toString()))
                .contains("SUCCESS: 8 rules found");
    }

    @Test
    void everyAlertFiresAtItsThresholdAndStaysQuietBelowIt() throws Exception {
        List<Map<String, Object>> tests = new ArrayList<>();
        // runtime down: globex after 3 m, acme after its 10 m; a 2-minute blip fires nothing; no target at all fires
        tests.add(test(List.of(up(GLOBEX, "1 1 0x20"), up(ACME, "1 1 0x20")),
                eval("4m", TenantAlerts.RUNTIME_DOWN), eval("6m", TenantAlerts.RUNTIME_DOWN,
                        alert("critical", GLOBEX)), eval("13m", TenantAlerts.RUNTIME_DOWN, alert("critical", GLOBEX),
                        alert("critical", ACME))));
        tests.add(test(List.of(up(GLOBEX, "1 1 0 0 1x20"), up(ACME, "1x20")), eval("6m", TenantAlerts.RUNTIME_DOWN),
                eval("10m", TenantAlerts.RUNTIME_DOWN)));
        tests.add(test(List.of(series("up{namespace=\"elsewhere\",job=\"x\"}", "1x10")),
                eval("4m", TenantAlerts.RUNTIME_DOWN, alert("critical", GLOBEX))));
        // error rate: 6 % is a warning for both; 20 % critical for both; 14 % critical only with globex's 10 %
        tests.add(test(List.of(executions(GLOBEX, "succeeded", 94), executions(GLOBEX, "failed", 6),
                        executions(ACME, "succeeded", 86), executions(ACME, "timed_out", 14)),
                eval("10m", TenantAlerts.HIGH_ERROR_RATE, alert("warning", GLOBEX), alert("warning", ACME))));
        tests.add(test(List.of(executions(GLOBEX, "succeeded", 86), executions(GLOBEX, "failed", 14),
                        executions(ACME, "succeeded", 80), executions(ACME, "failed", 20)),
                eval("10m", TenantAlerts.HIGH_ERROR_RATE, alert("warning", GLOBEX), alert("critical", GLOBEX),
                        alert("warning", ACME), alert("critical", ACME))));
        tests.add(test(List.of(executions(GLOBEX, "succeeded", 96), executions(GLOBEX, "failed", 4)),
                eval("10m", TenantAlerts.HIGH_ERROR_RATE)));
        tests.add(test(List.of(executions(GLOBEX, "succeeded", 100),
                        series(counter(GLOBEX, "failed"), "0x3 50x17")),
                eval("6m", TenantAlerts.HIGH_ERROR_RATE), eval("9m", TenantAlerts.HIGH_ERROR_RATE)));
        // slow: a p95 of ~58 s is slow for globex (30 s), not for acme (60 s); ~29 s is not slow
        List<Map<String, Object>> slow = new ArrayList<>(durations(GLOBEX, 60));
        slow.addAll(durations(ACME, 60));
        tests.add(test(slow, eval("15m", TenantAlerts.SLOW_EXECUTIONS, withWorkflow(alert("warning", GLOBEX)))));
        tests.add(test(durations(GLOBEX, 30), eval("15m", TenantAlerts.SLOW_EXECUTIONS)));
        // pool: 8 of 10 is globex's 80 % (fires at the threshold), under acme's 90 %; 7 of 10 is quiet
        tests.add(test(List.of(pool(GLOBEX, "active", 8), pool(GLOBEX, "max", 10), pool(ACME, "active", 8),
                        pool(ACME, "max", 10)), eval("9m", TenantAlerts.POOL_SATURATED),
                eval("12m", TenantAlerts.POOL_SATURATED, withPod(alert("warning", GLOBEX)))));
        tests.add(test(List.of(pool(GLOBEX, "active", 7), pool(GLOBEX, "max", 10)),
                eval("12m", TenantAlerts.POOL_SATURATED)));
        // backups: the deadline (Unix time 0) plus the grace: 1 h for globex, 2 h for acme
        tests.add(test(List.of(backup("flowstack_backup_deadline_timestamp_seconds", "globex", "0x200"),
                        backup("flowstack_backup_deadline_timestamp_seconds", "acme", "0x200")),
                eval("59m", TenantAlerts.BACKUP_MISSING),
                eval("63m", TenantAlerts.BACKUP_MISSING, withPolicy(alert("critical", GLOBEX))),
                eval("123m", TenantAlerts.BACKUP_MISSING, withPolicy(alert("critical", GLOBEX)),
                        withPolicy(alert("critical", ACME)))));
        tests.add(test(List.of(backup("flowstack_backup_last_succeeded", "globex", "1 1 0 0"),
                        backup("flowstack_backup_verification_success", "acme", "1 1 0 0")),
                eval("1m", TenantAlerts.BACKUP_FAILED), eval("1m", TenantAlerts.VERIFICATION_FAILED),
                eval("3m", TenantAlerts.BACKUP_FAILED, withPolicy(alert("warning", GLOBEX))),
                eval("3m", TenantAlerts.VERIFICATION_FAILED, withPolicy(alert("warning", ACME)))));

        Map<String, Object> file = new LinkedHashMap<>();
        file.put("rule_files", List.of(globexRules.toString(), acmeRules.toString()));
        file.put("evaluation_interval", "1m");
        file.put("tests", tests);
        Path testFile = Files.writeString(dir.resolve("tests.yaml"), Serialization.asYaml(file));
        assertThat(Promtool.run("test", "rules", testFile.toString())).contains("SUCCESS");
    }

    @Test
    void everyAlertOfTheContractIsInTheRule() {
        assertThat(TenantAlerts.rules(Examples.tenant("globex.yaml")).stream().map(r -> r.getAlert()).distinct())
                .containsExactlyInAnyOrderElementsOf(TenantAlerts.ALERTS);
        assertThat(TenantAlerts.rules(Examples.tenant("globex.yaml"))).allSatisfy(r -> {
            assertThat(r.getLabels()).containsKeys("severity", "tenant");
            assertThat(r.getAnnotations()).containsKeys("summary", "description", "runbook_url");
            assertThat(Path.of("..", "docs", "runbooks", r.getAlert() + ".md")).as("runbook of %s", r.getAlert())
                    .exists();
        });
    }

    @Test
    void alertsReadOnlyMetricsOfTheContractAndTheOperatorExposesItsOwn() {
        java.util.regex.Pattern metric = java.util.regex.Pattern.compile("flowstack_[a-z_]+");
        for (var rule : TenantAlerts.rules(Examples.tenant("acme.yaml"))) {
            metric.matcher(rule.getExpr().getStrVal()).results().map(java.util.regex.MatchResult::group)
                    .forEach(name -> assertThat(io.flowstack.contract.MetricsContract.of(name))
                            .as("%s of %s", name, rule.getAlert()).isPresent());
        }
        assertThat(io.flowstack.contract.MetricsContract.OPERATOR).extracting(m -> m.name()).containsExactlyInAnyOrder(
                io.flowstack.operator.tenant.TenantMetrics.NAME, io.flowstack.operator.backup.BackupMetrics.LAST_SUCCESS,
                io.flowstack.operator.backup.BackupMetrics.LAST_SUCCEEDED,
                io.flowstack.operator.backup.BackupMetrics.VERIFICATION, io.flowstack.operator.backup.BackupMetrics.DEADLINE);
    }

    @Test
    void disabledMonitoringMakesNothing() {
        Tenant tenant = Examples.tenant("globex.yaml");
        tenant.getSpec().monitoring = new MonitoringSpec();
        tenant.getSpec().monitoring.enabled = false;
        assertThat(TenantMonitoring.desired(tenant)).isEmpty();
        tenant.getSpec().monitoring = null;
        assertThat(TenantMonitoring.desired(tenant)).hasSize(2);
    }

    private static Map<String, Object> series(String name, String values) {
        return Map.of("series", name, "values", values);
    }

    private static Map<String, Object> up(String namespace, String values) {
        return series("up{namespace=\"" + namespace + "\",job=\"flowstack-runtime\",pod=\"a\"}", values);
    }

    private static String counter(String namespace, String status) {
        return "flowstack_executions_total{namespace=\"" + namespace + "\",workflow=\"w\",status=\"" + status + "\"}";
    }

    private static Map<String, Object> executions(String namespace, String status, int perMinute) {
        return series(counter(namespace, status), "0+" + perMinute + "x30");
    }

    /** Ten executions a minute, all in the bucket that ends at {@code upper} (the one below ends at half of it). */
    private static List<Map<String, Object>> durations(String namespace, int upper) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (String le : List.of("10", "15", "30", "60", "120", "+Inf")) {
            boolean counted = !le.equals("+Inf") && Double.parseDouble(le) < upper ? false : true;
            list.add(series("flowstack_execution_duration_seconds_bucket{namespace=\"" + namespace
                    + "\",workflow=\"w\",le=\"" + le + "\"}", counted ? "0+10x30" : "0x30"));
        }
        return list;
    }

    private static Map<String, Object> pool(String namespace, String which, int value) {
        return series("flowstack_database_connections_" + which + "{namespace=\"" + namespace + "\",pod=\"a\"}",
                value + "x30");
    }

    private static Map<String, Object> backup(String metric, String tenant, String values) {
        return series(metric + "{tenant=\"" + tenant + "\",policy=\"nightly\"}", values);
    }

    private static Map<String, Object> test(List<Map<String, Object>> series, Map<String, Object>... evals) {
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("interval", "1m");
        test.put("input_series", series);
        test.put("alert_rule_test", List.of(evals));
        return test;
    }

    @SafeVarargs
    private static Map<String, Object> eval(String time, String alert, Map<String, Object>... alerts) {
        Map<String, Object> eval = new LinkedHashMap<>();
        eval.put("eval_time", time);
        eval.put("alertname", alert);
        eval.put("exp_alerts", java.util.Arrays.stream(alerts).map(a -> annotated(alert, a)).toList());
        return eval;
    }

    private static Map<String, Object> alert(String severity, String namespace) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("severity", severity);
        labels.put("tenant", namespace.substring("tenant-".length()));
        labels.put("namespace", namespace);
        return new LinkedHashMap<>(Map.of("exp_labels", labels));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withLabel(Map<String, Object> alert, String name, String value) {
        ((Map<String, String>) alert.get("exp_labels")).put(name, value);
        return alert;
    }

    /** The annotations promtool expects: the tenant's rule's, with the alert's labels filled in. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> annotated(String alertName, Map<String, Object> alert) {
        Map<String, String> labels = (Map<String, String>) alert.get("exp_labels");
        Tenant tenant = labels.get("tenant").equals("acme") ? acme : Examples.tenant("globex.yaml");
        var rule = TenantAlerts.rules(tenant).stream().filter(r -> r.getAlert().equals(alertName)
                && r.getLabels().get("severity").equals(labels.get("severity"))).findFirst().orElseThrow();
        Map<String, String> annotations = new LinkedHashMap<>();
        rule.getAnnotations().forEach((k, v) -> {
            String text = v;
            for (var label : labels.entrySet()) {
                text = text.replace("{{ $labels." + label.getKey() + " }}", label.getValue());
            }
            annotations.put(k, text);
        });
        alert.put("exp_annotations", annotations);
        return alert;
    }

    private static Map<String, Object> withWorkflow(Map<String, Object> alert) {
        return withLabel(alert, "workflow", "w");
    }

    private static Map<String, Object> withPod(Map<String, Object> alert) {
        return withLabel(alert, "pod", "a");
    }

    private static Map<String, Object> withPolicy(Map<String, Object> alert) {
        return withLabel(alert, "policy", "nightly");
    }
}
