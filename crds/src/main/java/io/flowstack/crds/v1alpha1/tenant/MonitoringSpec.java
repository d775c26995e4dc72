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
    public static final String DEFAULT_ENABLED = "true";
    public static final String DEFAULT_RUNTIME_DOWN_FOR = "3m";
    public static final String DEFAULT_ERROR_RATE_WARNING = "5";
    public static final String DEFAULT_ERROR_RATE_CRITICAL = "10";
    public static final String DEFAULT_SLOW_EXECUTION_SECONDS = "30";
    public static final String DEFAULT_POOL_SATURATION = "80";
    public static final String DEFAULT_BACKUP_MISSING_GRACE = "1h";
    @Default(DEFAULT_ENABLED)
    @JsonPropertyDescription("Create a PrometheusRule and ServiceMonitor for the tenant (when the cluster has those CRDs).")
    public Boolean enabled;

    @Default(DEFAULT_RUNTIME_DOWN_FOR)
    @Pattern(Patterns.DURATION)
    @JsonPropertyDescription("FlowstackRuntimeDown fires after no runtime pod has been ready for this long.")
    public String runtimeDownFor;

    @Default(DEFAULT_ERROR_RATE_WARNING)
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("FlowstackHighErrorRate warns when more than this percentage of executions fail over 5m.")
    public Double errorRateWarningPercent;

    @Default(DEFAULT_ERROR_RATE_CRITICAL)
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("FlowstackHighErrorRate turns critical above this percentage of failed executions.")
    public Double errorRateCriticalPercent;

    @Default(DEFAULT_SLOW_EXECUTION_SECONDS)
    @Min(0.001)
    @JsonPropertyDescription("FlowstackSlowExecutions fires when the p95 execution duration exceeds this many seconds for 10m.")
    public Double slowExecutionSeconds;

    @Default(DEFAULT_POOL_SATURATION)
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("FlowstackDatabasePoolSaturated fires when more than this percentage of the pool is in use for 10m.")
    public Double poolSaturationPercent;

    @Default(DEFAULT_BACKUP_MISSING_GRACE)
    @Pattern(Patterns.DURATION)
    @JsonPropertyDescription("Extra grace for FlowstackBackupMissing, on top of 1.1 times the backup schedule interval.")
    public String backupMissingGrace;

    /** Whether the tenant's monitoring objects are made (the schema's default: yes); also when the block is absent. */
    public static boolean enabled(MonitoringSpec spec) {
        return spec == null || spec.enabled == null ? Boolean.parseBoolean(DEFAULT_ENABLED) : spec.enabled;
    }

    public String runtimeDownForOrDefault() {
        return runtimeDownFor == null ? DEFAULT_RUNTIME_DOWN_FOR : runtimeDownFor;
    }

    public double errorRateWarningPercentOrDefault() {
        return errorRateWarningPercent == null ? Double.parseDouble(DEFAULT_ERROR_RATE_WARNING) : errorRateWarningPercent;
    }

    public double errorRateCriticalPercentOrDefault() {
        return errorRateCriticalPercent == null ? Double.parseDouble(DEFAULT_ERROR_RATE_CRITICAL)
                : errorRateCriticalPercent;
    }

    public double slowExecutionSecondsOrDefault() {
        return slowExecutionSeconds == null ? Double.parseDouble(DEFAULT_SLOW_EXECUTION_SECONDS) : slowExecutionSeconds;
    }

    public double poolSaturationPercentOrDefault() {
        return poolSaturationPercent == null ? Double.parseDouble(DEFAULT_POOL_SATURATION) : poolSaturationPercent;
    }

    public String backupMissingGraceOrDefault() {
        return backupMissingGrace == null ? DEFAULT_BACKUP_MISSING_GRACE : backupMissingGrace;
    }
}
