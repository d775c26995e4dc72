package io.flowstack.bench;

import io.flowstack.contract.ExecutionStatus;
import io.flowstack.crds.v1alpha1.workflow.StepType;
import io.flowstack.runtime.engine.EngineListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** What the benchmark's engines report: checkpoint and transform times, finished executions, rounds that claimed. */
final class EngineProbe implements EngineListener {
    final ConcurrentLinkedQueue<Long> checkpoints = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Long> transforms = new ConcurrentLinkedQueue<>();
    final AtomicLong finished = new AtomicLong();
    final AtomicLong claims = new AtomicLong();

    @Override
    public void stepCheckpointed(Duration duration) {
        checkpoints.add(duration.toNanos());
    }

    @Override
    public void stepAttempted(String workflow, String step, StepType type, Duration duration, boolean succeeded,
                              boolean retrying) {
        if (type == StepType.transform) {
            transforms.add(duration.toNanos());
        }
    }

    @Override
    public void executionFinished(String workflow, ExecutionStatus status, Duration duration) {
        finished.incrementAndGet();
    }

    /** Forgets the warm-up's figures (finished executions keep counting). */
    void reset() {
        checkpoints.clear();
        transforms.clear();
        claims.set(0);
    }

    static String percentiles(ConcurrentLinkedQueue<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f ms / %.2f ms", sorted.get(sorted.size() / 2) / 1e6,
                sorted.get((int) (sorted.size() * 0.99)) / 1e6);
    }
}
