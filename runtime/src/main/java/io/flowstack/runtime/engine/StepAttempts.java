package io.flowstack.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.flowstack.crds.expression.ExpressionException;
import io.flowstack.crds.v1alpha1.workflow.RetryPolicy;
import io.flowstack.crds.v1alpha1.workflow.Step;
import io.flowstack.crds.v1alpha1.workflow.StepType;
import io.flowstack.crds.validation.Durations;
import io.flowstack.runtime.store.Execution;
import io.flowstack.runtime.store.StepRun;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/** One attempt of one step: its {@code when}, a delay, or its action with retries and backoff; and what it sees. */
final class StepAttempts {
    private final Expressions expressions;
    private final StepRunner runner;
    private final RandomGenerator random;
    private final EngineListener listener;

    StepAttempts(Expressions expressions, StepRunner runner, RandomGenerator random, EngineListener listener) {
        this.expressions = expressions;
        this.runner = runner;
        this.random = random;
        this.listener = listener;
    }

    /**
     * Runs one attempt of a step and returns its checkpoint: skipped ({@code when}), waiting (a delay, or a retry
     * after its backoff), succeeded or failed. {@code recordStart} runs before a step that acts on the outside world.
     */
    StepRun attempt(Execution execution, Step step, StepRun previous, Map<String, StepRun> runs, Instant now,
                    Runnable recordStart) {
        int attempt = previous == null ? 1 : previous.attempts() + 1;
        Map<String, Object> variables = variables(execution, runs);
        try {
            if (step.when != null && !expressions.test(step.when, variables)) {
                return new StepRun(step.name, StepRun.Status.skipped, previous == null ? 0 : previous.attempts(), null,
                        null, null);
            }
        } catch (ExpressionException e) {
            return new StepRun(step.name, StepRun.Status.failed, attempt, null, "when: " + e.getMessage(), null);
        }
        if (step.type == StepType.delay) {
            if (previous == null) {
                return new StepRun(step.name, StepRun.Status.waiting, 0, null, null,
                        now.plus(Durations.parse(step.delay.duration)));
            }
            return new StepRun(step.name, StepRun.Status.succeeded, 1, JsonNodeFactory.instance.nullNode(), null, null);
        }
        Duration timeout = Durations.parse(step.timeoutOrDefault());
        if (step.type != StepType.transform) {
            recordStart.run();   // acts on the outside world: the start is durable first, so a re-run is counted
        }
        long started = System.nanoTime();
        try {
            JsonNode output = runner.run(step, variables, timeout);
            listener.stepAttempted(execution.workflow(), step.name, step.type, Duration.ofNanos(System.nanoTime() - started),
                    true, false);
            return new StepRun(step.name, StepRun.Status.succeeded, attempt, output, null, null);
        } catch (StepFailure failure) {
            // no retry policy: one attempt; a policy without maxAttempts: the schema's default
            int maxAttempts = step.retry == null ? 1 : step.retry.maxAttemptsOrDefault();
            boolean retrying = failure.retryable() && attempt < maxAttempts;
            listener.stepAttempted(execution.workflow(), step.name, step.type, Duration.ofNanos(System.nanoTime() - started),
                    false, retrying);
            if (retrying) {
                return new StepRun(step.name, StepRun.Status.waiting, attempt, null, failure.getMessage(),
                        now.plus(backoff(step.retry, attempt)));
            }
            String error = failure.getMessage() + (attempt > 1 ? " (after " + attempt + " attempts)" : "");
            return new StepRun(step.name, StepRun.Status.failed, attempt, null, error, null);
        }
    }

    /** Exponential backoff with jitter: the wait after attempt n is between half and all of initial * multiplier^(n-1). */
    Duration backoff(RetryPolicy retry, int attempt) {
        RetryPolicy.Backoff backoff = retry.backoffOrDefault();
        Duration initial = Durations.parse(backoff.initialOrDefault());
        Duration max = Durations.parse(backoff.maxOrDefault());
        double multiplier = backoff.multiplierOrDefault();
        double millis = Math.min(initial.toMillis() * Math.pow(multiplier, attempt - 1), max.toMillis());
        return Duration.ofMillis((long) (millis / 2 + random.nextDouble() * millis / 2));
    }

    private static Map<String, Object> variables(Execution execution, Map<String, StepRun> runs) {
        Map<String, Object> steps = new LinkedHashMap<>();
        runs.forEach((name, run) -> {
            if (run.status().finished()) {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("output", Values.toCel(run.output()));
                view.put("status", run.status().name());
                steps.put(name, view);
            }
        });
        Map<String, Object> executionView = new LinkedHashMap<>();
        executionView.put("id", execution.id().toString());
        executionView.put("trigger", execution.trigger());
        executionView.put("startedAt", String.valueOf(execution.startedAt()));
        if (execution.scheduledAt() != null) {
            executionView.put("scheduledTime", execution.scheduledAt().toString());
            executionView.put("scheduledDate", execution.scheduledAt().toString().substring(0, 10));
        }
        Map<String, Object> workflowView = new LinkedHashMap<>();
        workflowView.put("name", execution.workflow());
        workflowView.put("revision", execution.revision());
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("input", Values.toCel(execution.input()));
        variables.put("steps", steps);
        variables.put("execution", executionView);
        variables.put("workflow", workflowView);
        return variables;
    }
}
