package io.flowstack.operator.tenant.monitoring;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRuleBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleBuilder;
import io.flowstack.crds.validation.Durations;
import io.flowstack.crds.v1alpha1.tenant.MonitoringSpec;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.common.ObjectMetas;
import io.flowstack.operator.common.StackNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tenant's PrometheusRule: the alerts of the metric contract (DESIGN.md, alerts) on the tenant's own series,
 * thresholds from {@code spec.monitoring}, labels {@code tenant} and {@code severity} for Alertmanager's routes, and
 * {@code summary}, {@code description} and {@code runbook_url} annotations. Pure: the same Tenant gives the same rule.
 */
public final class TenantAlerts {
    public static final String NAME = "flowstack-alerts";
    public static final String GROUP = "flowstack.tenant";
    /** Where the runbooks are published; each alert links {@code <base>/<alert>.md}. */
    public static final String RUNBOOKS = "https://github.com/flowstack-io/flowstack/blob/main/docs/runbooks/";
    public static final String RUNTIME_DOWN = "FlowstackRuntimeDown";
    public static final String HIGH_ERROR_RATE = "FlowstackHighErrorRate";
    public static final String SLOW_EXECUTIONS = "FlowstackSlowExecutions";
    public static final String POOL_SATURATED = "FlowstackDatabasePoolSaturated";
    public static final String BACKUP_MISSING = "FlowstackBackupMissing";
    public static final String BACKUP_FAILED = "FlowstackBackupFailed";
    public static final String VERIFICATION_FAILED = "FlowstackBackupVerificationFailed";
    /** Every alert a tenant's rule holds. */
    public static final List<String> ALERTS = List.of(RUNTIME_DOWN, HIGH_ERROR_RATE, SLOW_EXECUTIONS, POOL_SATURATED,
            BACKUP_MISSING, BACKUP_FAILED, VERIFICATION_FAILED);

    private TenantAlerts() {
    }

    public static PrometheusRule desired(Tenant tenant) {
        return new PrometheusRuleBuilder()
                .withMetadata(ObjectMetas.of(tenant, NAME, Labels.COMPONENT_RUNTIME))
                .withNewSpec().addNewGroup().withName(GROUP).withRules(rules(tenant)).endGroup().endSpec()
                .build();
    }

    static List<Rule> rules(Tenant tenant) {
        MonitoringSpec spec = tenant.getSpec().monitoring == null ? new MonitoringSpec() : tenant.getSpec().monitoring;
        String ns = "namespace=\"" + tenant.targetNamespace() + "\"";
        String runtime = ns + ",job=\"" + StackNames.RUNTIME + "\"";
        String owner = "tenant=\"" + tenant.getMetadata().getName() + "\"";
        String executions = "sum(rate(flowstack_executions_total{" + ns + "}[5m]))";
        String failed = "sum(rate(flowstack_executions_total{" + ns + ",status=~\"failed|timed_out\"}[5m]))";
        List<Rule> rules = new ArrayList<>();
        rules.add(rule(tenant, RUNTIME_DOWN, "critical", "(sum(up{" + runtime + "}) or vector(0)) < 1",
                seconds(spec.runtimeDownForOrDefault()),
                "Flowstack runtime of tenant %s is down".formatted(name(tenant)),
                "No runtime pod of tenant %s has answered a scrape for %s: no workflow runs, webhooks are refused."
                        .formatted(name(tenant), spec.runtimeDownForOrDefault())));
        rules.add(rule(tenant, HIGH_ERROR_RATE, "warning", "100 * " + failed + " / " + executions + " >= "
                        + number(spec.errorRateWarningPercentOrDefault()), "5m",
                "Executions of tenant %s fail".formatted(name(tenant)),
                "Over 5 minutes, more of the executions of tenant " + name(tenant) + " failed or timed out than"
                        + " the warning threshold (" + number(spec.errorRateWarningPercentOrDefault()) + "%)."));
        rules.add(rule(tenant, HIGH_ERROR_RATE, "critical", "100 * " + failed + " / " + executions + " >= "
                        + number(spec.errorRateCriticalPercentOrDefault()), "5m",
                "Executions of tenant %s fail".formatted(name(tenant)),
                "Over 5 minutes, more of the executions of tenant " + name(tenant) + " failed or timed out than"
                        + " the critical threshold (" + number(spec.errorRateCriticalPercentOrDefault()) + "%)."));
        rules.add(rule(tenant, SLOW_EXECUTIONS, "warning", "histogram_quantile(0.95, sum by (le, workflow) (rate("
                        + "flowstack_execution_duration_seconds_bucket{" + ns + "}[10m]))) >= "
                        + number(spec.slowExecutionSecondsOrDefault()), "10m",
                "Executions of tenant %s are slow".formatted(name(tenant)),
                "The 95th percentile of workflow {{ $labels.workflow }}'s execution durations has been over "
                        + "the threshold for 10 minutes (" + number(spec.slowExecutionSecondsOrDefault()) + " s)."));
        rules.add(rule(tenant, POOL_SATURATED, "warning", "100 * max by (pod) (flowstack_database_connections_active{"
                        + ns + "} / flowstack_database_connections_max{" + ns + "}) >= "
                        + number(spec.poolSaturationPercentOrDefault()), "10m",
                "The database pool of tenant %s is nearly exhausted".formatted(name(tenant)),
                "Pod {{ $labels.pod }} has used more of its database connections than the threshold for 10"
                        + " minutes (" + number(spec.poolSaturationPercentOrDefault()) + "%)."));
        rules.add(rule(tenant, BACKUP_MISSING, "critical", "time() > flowstack_backup_deadline_timestamp_seconds{"
                        + owner + "} + " + seconds(spec.backupMissingGraceOrDefault()).replace("s", ""), "1m",
                "Backups of tenant %s are missing".formatted(name(tenant)),
                "BackupPolicy {{ $labels.policy }} of tenant " + name(tenant) + " has no successful backup for 1.1"
                        + " times its schedule's interval plus " + spec.backupMissingGraceOrDefault() + "."));
        rules.add(rule(tenant, BACKUP_FAILED, "warning", "flowstack_backup_last_succeeded{" + owner + "} == 0", "0s",
                "A backup of tenant %s failed".formatted(name(tenant)),
                "The last backup of BackupPolicy {{ $labels.policy }} of tenant " + name(tenant) + " failed; its"
                        + " status says why."));
        rules.add(rule(tenant, VERIFICATION_FAILED, "warning", "flowstack_backup_verification_success{" + owner
                        + "} == 0", "0s", "A restore drill of tenant %s failed".formatted(name(tenant)),
                "The last restore drill of BackupPolicy {{ $labels.policy }} of tenant " + name(tenant) + " failed:"
                        + " the backup may not restore."));
        return rules;
    }

    private static Rule rule(Tenant tenant, String alert, String severity, String expr, String duration,
                             String summary, String description) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("severity", severity);
        labels.put("tenant", tenant.getMetadata().getName());
        labels.put("namespace", tenant.targetNamespace());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", summary);
        annotations.put("description", description);
        annotations.put("runbook_url", RUNBOOKS + alert + ".md");
        return new RuleBuilder().withAlert(alert).withExpr(new IntOrString(expr)).withFor(duration)
                .withLabels(labels).withAnnotations(annotations).build();
    }

    private static String name(Tenant tenant) {
        return tenant.getMetadata().getName();
    }

    /** A duration of the API ("1h30m", "1.5h") as Prometheus reads it: whole seconds. */
    static String seconds(String duration) {
        return Durations.parse(duration).toSeconds() + "s";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }
}
