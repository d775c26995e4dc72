package io.flowstack.crds.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import io.flowstack.crds.v1alpha1.common.Patterns;

/** Prometheus alerting for one tenant; the thresholds feed the tenant's PrometheusRule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.errorRateWarningPercent <= self.errorRateCriticalPercent",
        message = "errorRateWarningPercent must not exceed errorRateCriticalPercent",
        fieldPath = ".errorRateWarningPercent", reason = "FieldValueInvalid")
public class MonitoringSpec {
    @Default("true")
    @JsonPropertyDescription("Create a PrometheusRule and ServiceMonitor for the tenant (when the cluster has those CRDs).")
    public Boolean enabled;

    @Default("3m")
    @Pattern(Patterns.DURATION)
    @JsonPropertyDescription("FlowstackRuntimeDown fires after no runtime pod has been ready for this long.")
    public String runtimeDownFor;

    @Default("5")
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("FlowstackHighErrorRate warns when more than this percentage of executions fail over 5m.")
    public Double errorRateWarningPercent;

    @Default("10")
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("FlowstackHighErrorRate turns critical above this percentage of failed executions.")
    public Double errorRateCriticalPercent;

    @Default("30")
    @Min(0.001)
    @JsonPropertyDescription("FlowstackSlowExecutions fires when the p95 execution duration exceeds this many seconds for 10m.")
    public Double slowExecutionSeconds;

    @Default("80")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("FlowstackDatabasePoolSaturated fires when more than this percentage of the pool is in use for 10m.")
    public Double poolSaturationPercent;

    @Default("1h")
    @Pattern(Patterns.DURATION)
    @JsonPropertyDescription("Extra grace for FlowstackBackupMissing, on top of 1.1 times the backup schedule interval.")
    public String backupMissingGrace;
}
