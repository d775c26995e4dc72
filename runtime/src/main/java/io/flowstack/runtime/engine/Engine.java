package io.flowstack.runtime.engine;

import io.flowstack.runtime.store.WorkQueue;
import io.flowstack.contract.ExecutionStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.flowstack.crds.expression.ExpressionException;
import io.flowstack.crds.v1alpha1.workflow.RetryPolicy;
import io.flowstack.crds.v1alpha1.workflow.Step;
import io.flowstack.crds.v1alpha1.workflow.StepType;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.crds.validation.Durations;
import io.flowstack.crds.validation.StepGraph;
import io.flowstack.runtime.definitions.Workflows;
import io.flowstack.runtime.http.OutboundHttp;
import io.flowstack.runtime.store.Execution;
import io.flowstack.runtime.store.ExecutionStore;
import io.flowstack.runtime.store.LeaseLostException;
import io.flowstack.runtime.store.StepRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Runs executions step by step, durably: a step's result is checkpointed before the next step starts, so an execution
 * survives the runtime's death and resumes on any replica once its lease expires. A step that was in flight when its
 * runtime died runs again (at least once); finished steps never do.
 */
public final class Engine {
    static final Duration LEASE = Duration.ofSeconds(30);
    private final ExecutionStore store;
    private final Workflows workflows;
    private final Clock clock;
    private final String owner;
    private final RandomGenerator random;
    private final Expressions expressions = new Expressions();
    private final StepRunner runner;
    private final EngineListener listener;

    public Engine(ExecutionStore store, Workflows workflows, IntegrationCalls integrations, OutboundHttp http, Clock clock,
                  String owner, RandomGenerator random, EngineListener listener) {
        this.listener = listener;
        this.store = store;
        this.workflows = workflows;
        this.clock = clock;
        this.owner = owner;
        this.random = random;
        this.runner = new StepRunner(expressions, http, integrations, listener);
    }

    /** Claims and advances up to {@code batch} due executions; returns how many it advanced. */
    public int tick(int batch) {
        List<WorkQueue.Loaded> claimed = store.work().claim(owner, batch, clock.instant(), LEASE);
        for (WorkQueue.Loaded loaded : claimed) {
            try {
                advance(loaded);
            } catch (LeaseLostException e) {
                // another replica took it over: it carries on from the last checkpoint
            }
        }
        return claimed.size();
    }

    /** Runs an execution this engine holds as far as it can go now: to its end, or to a step that must wait. */
    void advance(WorkQueue.Loaded loaded) {
        Execution execution = loaded.execution();
        UUID id = execution.id();
        Optional<Workflow> definition = workflows.revision(execution.workflow(), execution.revision());
        if (definition.isEmpty()) {
            finish(execution, ExecutionStatus.failed, null, "revision " + execution.revision() + " of workflow "
                    + execution.workflow() + " is no longer deployed");
            return;
        }
        List<Step> steps = definition.get().getSpec().steps;
        StepGraph graph = StepGraph.of(steps);
        Map<String, StepRun> runs = new LinkedHashMap<>(loaded.steps());
        Instant leaseUntil = loaded.leaseUntil();
        while (true) {
            Instant now = clock.instant();
            if (now.isAfter(execution.deadline())) {
                finish(execution, ExecutionStatus.timed_out, null, "the execution ran past its timeout");
                return;
            }
            boolean progressed = false;
            Instant wakeUp = null;
            for (Step step : steps) {
                StepRun run = runs.get(step.name);
                if (run != null && run.status().finished() || !needsMet(graph, step, runs)) {
                    continue;
                }
                if (run != null && run.nextAttemptAt() != null && run.nextAttemptAt().isAfter(now)) {
                    wakeUp = earliest(wakeUp, run.nextAttemptAt());
                    continue;
                }
                StepRun result = attempt(execution, step, run, runs, now);
                runs.put(step.name, result);
                long checkpointStart = System.nanoTime();
                if (endedWith(execution, steps, runs, result, now, checkpointStart)) {
                    return;
                }
                leaseUntil = checkpoint(id, result, now, leaseUntil, checkpointStart);
                if (result.status() == StepRun.Status.waiting) {
                    wakeUp = earliest(wakeUp, result.nextAttemptAt());
                } else {
                    progressed = true;
                }
            }
            if (allFinished(steps, runs)) {
                finish(execution, ExecutionStatus.succeeded, outputOf(steps, runs), null);
                return;
            }
            if (!progressed) {
                store.work().park(id, owner, wakeUp != null ? wakeUp : clock.instant().plusSeconds(1));
                return;
            }
        }
    }

    /**
     * Ends the execution when this step's result decides it (a failed step, or the last one): the step is
     * checkpointed with the end, in one commit. Returns whether it ended.
     */
    private boolean endedWith(Execution execution, List<Step> steps, Map<String, StepRun> runs, StepRun result,
                              Instant stepTime, long checkpointStart) {
        if (result.status() == StepRun.Status.failed) {
            finishWith(execution, result, stepTime, ExecutionStatus.failed, null, "step " + result.step() + " failed: "
                    + result.error(), checkpointStart);
            return true;
        }
        if (allFinished(steps, runs)) {
            finishWith(execution, result, stepTime, ExecutionStatus.succeeded, outputOf(steps, runs), null,
                    checkpointStart);
            return true;
        }
        return false;
    }

    private static boolean needsMet(StepGraph graph, Step step, Map<String, StepRun> runs) {
        return graph.needsOf(step.name).stream().allMatch(n -> runs.containsKey(n) && runs.get(n).status().finished());
    }

    private static boolean allFinished(List<Step> steps, Map<String, StepRun> runs) {
        return runs.size() == steps.size() && runs.values().stream().allMatch(r -> r.status().finished());
    }

    /**
     * Checkpoints a step's result; the lease is renewed once half of it has gone, until then the checkpoint only
     * checks it. Returns until when the lease holds.
     */
    private Instant checkpoint(UUID id, StepRun result, Instant stepTime, Instant leaseUntil, long checkpointStart) {
        Instant checkpointTime = clock.instant();
        boolean renew = checkpointTime.isAfter(leaseUntil.minus(LEASE.dividedBy(2)));
        store.work().checkpoint(id, owner, result, stepTime, renew ? checkpointTime.plus(LEASE) : null);
        listener.stepCheckpointed(Duration.ofNanos(System.nanoTime() - checkpointStart));
        return renew ? checkpointTime.plus(LEASE) : leaseUntil;
    }

    private void finishWith(Execution execution, StepRun last, Instant stepTime, ExecutionStatus status, JsonNode output,
                            String error, long checkpointStart) {
        Instant now = clock.instant();
        store.work().checkpointAndFinish(execution.id(), owner, last, stepTime, now, status, output, error);
        listener.stepCheckpointed(Duration.ofNanos(System.nanoTime() - checkpointStart));
        Instant began = execution.startedAt() != null ? execution.startedAt() : execution.createdAt();
        listener.executionFinished(execution.workflow(), status, Duration.between(began, now));
    }

    private void finish(Execution execution, ExecutionStatus status, JsonNode output, String error) {
        Instant now = clock.instant();
        store.work().finish(execution.id(), owner, status, output, error, now);
        Instant began = execution.startedAt() != null ? execution.startedAt() : execution.createdAt();
        listener.executionFinished(execution.workflow(), status, Duration.between(began, now));
    }

    private StepRun attempt(Execution execution, Step step, StepRun previous, Map<String, StepRun> runs, Instant now) {
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

    /** The output of an execution: the last step (in spec order) that ran, or null when all were skipped. */
    private static JsonNode outputOf(List<Step> steps, Map<String, StepRun> runs) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            StepRun run = runs.get(steps.get(i).name);
            if (run != null && run.status() == StepRun.Status.succeeded) {
                return run.output();
            }
        }
        return JsonNodeFactory.instance.nullNode();
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null || (b != null && b.isBefore(a)) ? b : a;
    }
}
