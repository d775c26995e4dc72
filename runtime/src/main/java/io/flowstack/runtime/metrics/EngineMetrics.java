package io.flowstack.runtime.metrics;

import io.flowstack.contract.ExecutionStatus;
import io.flowstack.crds.v1alpha1.workflow.StepType;
import io.flowstack.runtime.engine.EngineListener;
import io.flowstack.runtime.store.ExecutionStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runtime's side of the metrics contract (docs: DESIGN.md, metrics). Duration histograms reach far past
 * Micrometer's 30 s default, so that an alert on a p95 of minutes can fire.
 */
public final class EngineMetrics implements EngineListener {
    /** The longest step duration the step histogram tells apart (longer ones count in its +Inf bucket). */
    static final Duration STEP_MAX = Duration.ofMinutes(15);
    /** The longest execution duration the execution histogram tells apart. */
    static final Duration EXECUTION_MAX = Duration.ofHours(1);
    private final MeterRegistry registry;
    /** The meters of the hot path by name and tag values: looked up once, not built and registered per event. */
    private final Map<MeterKey, Timer> timers = new ConcurrentHashMap<>();
    private final Map<MeterKey, Counter> counters = new ConcurrentHashMap<>();

    private record MeterKey(String name, String first, String second) {
    }

    public EngineMetrics(MeterRegistry registry, ExecutionStore store) {
        this.registry = registry;
        Gauge.builder("flowstack_executions_pending", store,
                        s -> s.views().countByStatus().entrySet().stream()
                                .filter(e -> e.getKey().equals("pending") || e.getKey().equals("running"))
                                .mapToLong(Map.Entry::getValue).sum())
                .description("Executions not finished yet (waiting, running or retrying)")
                .register(registry);
    }

    @Override
    public void stepAttempted(String workflow, String step, StepType type, Duration duration, boolean succeeded,
                              boolean retrying) {
        timers.computeIfAbsent(new MeterKey("step", workflow, type.name()), key -> Timer
                .builder("flowstack_step_duration_seconds").description("Duration of step attempts")
                .tags("workflow", workflow, "type", type.name()).publishPercentileHistogram()
                .maximumExpectedValue(STEP_MAX).register(registry)).record(duration);
        if (retrying) {
            Counter.builder("flowstack_step_retries_total").description("Step attempts that failed and will be retried")
                    .tags("workflow", workflow, "step", step).register(registry).increment();
        }
    }

    @Override
    public void executionFinished(String workflow, ExecutionStatus status, Duration duration) {
        counters.computeIfAbsent(new MeterKey("executions", workflow, status.name()), key -> Counter
                .builder("flowstack_executions_total").description("Finished executions by outcome")
                .tags("workflow", workflow, "status", status.name()).register(registry)).increment();
        timers.computeIfAbsent(new MeterKey("execution", workflow, null), key -> Timer
                .builder("flowstack_execution_duration_seconds").description("Duration of finished executions")
                .tags("workflow", workflow).publishPercentileHistogram().maximumExpectedValue(EXECUTION_MAX)
                .register(registry)).record(duration);
    }

    @Override
    public void integrationCalled(String integration, String outcome) {
        Counter.builder("flowstack_integration_calls_total").description("Calls to integrations by outcome")
                .tags("integration", integration, "outcome", outcome).register(registry).increment();
    }

    /** A webhook request that was refused, by reason (bad_signature, stale, replayed, too_large, ...). */
    public void webhookRejected(String workflow, String reason) {
        Counter.builder("flowstack_webhook_rejected_total").description("Refused webhook requests")
                .tags("workflow", workflow, "reason", reason).register(registry).increment();
    }
}
