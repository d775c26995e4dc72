package io.flowstack.contract;

import java.util.List;
import java.util.Optional;

/**
 * The metrics that alerts and dashboards read (DESIGN.md, metrics contract): the runtime's, scraped from each tenant's
 * pods, and the operator's. The runtime's metric tests check every runtime metric here is exposed with its labels;
 * the operator's tests check every metric an alert or a dashboard query names is here.
 */
public final class MetricsContract {
    /** A metric: its Prometheus name (a histogram's base name), type and the labels it carries. */
    public record Metric(String name, Type type, List<String> labels) {
    }

    public enum Type { counter, gauge, histogram }

    public static final List<Metric> RUNTIME = List.of(
            new Metric("flowstack_executions_total", Type.counter, List.of("workflow", "status")),
            new Metric("flowstack_execution_duration_seconds", Type.histogram, List.of("workflow")),
            new Metric("flowstack_step_duration_seconds", Type.histogram, List.of("workflow", "type")),
            new Metric("flowstack_step_retries_total", Type.counter, List.of("workflow", "step")),
            new Metric("flowstack_executions_pending", Type.gauge, List.of()),
            new Metric("flowstack_integration_calls_total", Type.counter, List.of("integration", "outcome")),
            new Metric("flowstack_webhook_rejected_total", Type.counter, List.of("workflow", "reason")),
            new Metric("flowstack_database_connections_active", Type.gauge, List.of()),
            new Metric("flowstack_database_connections_max", Type.gauge, List.of()));

    public static final List<Metric> OPERATOR = List.of(
            new Metric("flowstack_tenants", Type.gauge, List.of("condition")),
            new Metric("flowstack_backup_last_success_timestamp_seconds", Type.gauge, List.of("tenant", "policy")),
            new Metric("flowstack_backup_last_succeeded", Type.gauge, List.of("tenant", "policy")),
            new Metric("flowstack_backup_verification_success", Type.gauge, List.of("tenant", "policy")),
            new Metric("flowstack_backup_deadline_timestamp_seconds", Type.gauge, List.of("tenant", "policy")));

    private MetricsContract() {
    }

    /** The contract's metric a series name belongs to ({@code _bucket}, {@code _sum}, {@code _count} of histograms). */
    public static Optional<Metric> of(String series) {
        for (List<Metric> side : List.of(RUNTIME, OPERATOR)) {
            for (Metric metric : side) {
                if (series.equals(metric.name()) || metric.type() == Type.histogram
                        && List.of("_bucket", "_sum", "_count").stream().anyMatch(s -> series.equals(metric.name() + s))) {
                    return Optional.of(metric);
                }
            }
        }
        return Optional.empty();
    }
}
