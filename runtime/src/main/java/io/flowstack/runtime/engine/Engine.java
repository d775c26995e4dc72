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
import io.flowstack.runtime.store.StoreException;
import java.time.Clock;
import org.jboss.logging.Logger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Runs executions step by step, durably: a step's result is checkpointed before the next step starts, so an execution
 * survives the runtime's death and resumes on any replica once its lease expires. While the runtime lives, its
 * heartbeat ({@link #renewLeases()}) keeps the lease however long a step takes, so a healthy runtime never runs a step
 * twice. A step that was in flight when its runtime died runs again, and its {@code attempts} count that start
 * (a step that acts on the outside world is recorded as running before it starts); finished steps never run again.
 */
public final class Engine {
    /** How long a claim holds when its runtime stops renewing it (the heartbeat renews it every third of it). */
    public static final Duration LEASE = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(Engine.class);
    private final Duration lease;
    /** Executions this engine holds, by id, with their lease token: what the heartbeat renews. */
    private final Map<UUID, String> held = new ConcurrentHashMap<>();
    private volatile boolean stopping;
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
        this(store, workflows, integrations, http, clock, owner, random, listener, LEASE);
    }

    public Engine(ExecutionStore store, Workflows workflows, IntegrationCalls integrations, OutboundHttp http, Clock clock,
                  String owner, RandomGenerator random, EngineListener listener, Duration lease) {
        this.lease = lease;
        this.listener = listener;
        this.store = store;
        this.workflows = workflows;
        this.clock = clock;
        this.owner = owner;
        this.random = random;
        this.runner = new StepRunner(expressions, http, integrations, listener);
    }

    /**
     * Claims and advances up to {@code batch} due executions; returns how many it claimed. Claimed executions this
     * worker has not begun when a third of the lease has gone (an earlier one ran long) are handed back for other
     * workers; after {@link #stop()} nothing is claimed.
     */
    public int tick(int batch) {
        if (stopping) {
            return 0;
        }
        List<WorkQueue.Loaded> claimed = store.work().claim(owner, batch, clock.instant(), lease);
        claimed.forEach(loaded -> held.put(loaded.execution().id(), loaded.lease()));
        long claimedAt = System.nanoTime();
        Map<UUID, String> unstarted = new LinkedHashMap<>();
        claimed.forEach(loaded -> unstarted.put(loaded.execution().id(), loaded.lease()));
        try {
            for (WorkQueue.Loaded loaded : claimed) {
                if (stopping || Duration.ofNanos(System.nanoTime() - claimedAt).compareTo(lease.dividedBy(3)) > 0) {
                    break;
                }
                UUID id = loaded.execution().id();
                unstarted.remove(id);
                try {
                    advance(loaded);
                } catch (LeaseLostException e) {
                    // cancelled, or taken over after this runtime's heartbeat failed: the holder carries on
                    LOG.infof("execution %s is no longer held by this runtime (cancelled, or its lease lapsed and"
                            + " another worker took it over): the result in hand is dropped", id);
                } finally {
                    held.remove(id);
                }
            }
        } finally {
            if (!unstarted.isEmpty()) {
                unstarted.keySet().forEach(held::remove);
                Set<UUID> recorded = claimed.stream().filter(l -> l.recorded() != null && unstarted.containsKey(
                        l.execution().id())).map(l -> l.execution().id()).collect(Collectors.toSet());
                store.work().releaseUnstarted(unstarted, recorded);
            }
        }
        return claimed.size();
    }

    /**
     * A write of an execution this engine holds, retried while the database is away (a restart, cut connections) for
     * up to a lease, so the step's work is kept instead of being run again. Retrying is safe: each write checks the
     * lease token, and one that landed before its answer was lost is written again identically or refused as lost.
     */
    private void durably(Runnable write) {
        long deadline = System.nanoTime() + lease.toNanos();
        long pauseMillis = 100;
        while (true) {
            try {
                write.run();
                return;
            } catch (StoreException e) {
                if (System.nanoTime() + pauseMillis * 1_000_000 > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pauseMillis = Math.min(pauseMillis * 2, 2000);
            }
        }
    }

    /**
     * One heartbeat: renews the lease of every execution this engine holds, on the database's clock; returns how many
     * it renewed (an execution finished, cancelled or taken over since is left alone by the lease token).
     */
    public int renewLeases() {
        return store.work().renew(Map.copyOf(held), lease).size();
    }

    /** Stops claiming; executions in flight end their current step, checkpoint it and are handed back. */
    public void stop() {
        stopping = true;
    }

    /** Hands back at once every execution still held (at the end of a graceful stop's grace): any replica may
     * claim them without waiting out the lease. Returns how many. */
    public int releaseAll() {
        Map<UUID, String> now = Map.copyOf(held);
        held.clear();
        return store.work().release(now).size();
    }

    /** How many executions this engine holds right now. */
    public int held() {
        return held.size();
    }

    public Duration lease() {
        return lease;
    }

    /** Runs an execution this engine holds as far as it can go now: to its end, or to a step that must wait. */
    void advance(WorkQueue.Loaded loaded) {
        Execution execution = loaded.execution();
        UUID id = execution.id();
        Optional<Workflow> definition = workflows.revision(execution.workflow(), execution.revision());
        if (definition.isEmpty()) {
            finish(execution, loaded.lease(), ExecutionStatus.failed, null, "revision " + execution.revision() + " of workflow "
                    + execution.workflow() + " is no longer deployed");
            return;
        }
        List<Step> steps = definition.get().getSpec().steps;
        StepGraph graph = StepGraph.of(steps);
        Map<String, StepRun> runs = new LinkedHashMap<>(loaded.steps());
        String token = loaded.lease();
        StepRun recorded = loaded.recorded();   // the attempt the claim or the last checkpoint recorded as started
        while (true) {
            Instant now = clock.instant();
            if (now.isAfter(execution.deadline())) {
                finish(execution, token, ExecutionStatus.timed_out, null, "the execution ran past its timeout");
                return;
            }
            boolean progressed = false;
            Instant wakeUp = null;
            for (int index = 0; index < steps.size(); index++) {
                Step step = steps.get(index);
                StepRun run = runs.get(step.name);
                if (run != null && run.status().finished() || !needsMet(graph, step, runs)) {
                    continue;
                }
                if (run != null && run.nextAttemptAt() != null && run.nextAttemptAt().isAfter(now)) {
                    wakeUp = earliest(wakeUp, run.nextAttemptAt());
                    continue;
                }
                if (stopping) {
                    durably(() -> store.work().park(id, token, now));   // stopping: handed back between two steps
                    return;
                }
                int attemptNumber = run == null ? 1 : run.attempts() + 1;
                boolean alreadyRecorded = recorded != null && recorded.step().equals(step.name)
                        && recorded.attempts() == attemptNumber;
                StepRun result = attempt(execution, token, step, run, runs, now, alreadyRecorded);
                runs.put(step.name, result);
                long checkpointStart = System.nanoTime();
                if (endedWith(execution, token, steps, runs, result, now, checkpointStart)) {
                    return;
                }
                recorded = stopping ? null : nextToRecord(steps, index, graph, runs, now);
                checkpoint(id, token, result, recorded, now, checkpointStart);
                if (result.status() == StepRun.Status.waiting) {
                    wakeUp = earliest(wakeUp, result.nextAttemptAt());
                } else {
                    progressed = true;
                }
            }
            if (allFinished(steps, runs)) {
                finish(execution, token, ExecutionStatus.succeeded, outputOf(steps, runs), null);
                return;
            }
            if (!progressed) {
                Instant next = wakeUp != null ? wakeUp : clock.instant().plusSeconds(1);
                durably(() -> store.work().park(id, token, next));
                return;
            }
        }
    }

    /**
     * Ends the execution when this step's result decides it (a failed step, or the last one): the step is
     * checkpointed with the end, in one commit. Returns whether it ended.
     */
    private boolean endedWith(Execution execution, String token, List<Step> steps, Map<String, StepRun> runs, StepRun result,
                              Instant stepTime, long checkpointStart) {
        if (result.status() == StepRun.Status.failed) {
            finishWith(execution, token, result, stepTime, ExecutionStatus.failed, null, "step " + result.step() + " failed: "
                    + result.error(), checkpointStart);
            return true;
        }
        if (allFinished(steps, runs)) {
            finishWith(execution, token, result, stepTime, ExecutionStatus.succeeded, outputOf(steps, runs), null,
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
     * The step a new execution of this workflow starts with, when it acts on the outside world: the claim records its
     * start (see {@link #nextToRecord}); null otherwise.
     */
    static String firstToRecord(Workflow workflow) {
        List<Step> steps = workflow.getSpec().steps;
        StepRun first = nextToRecord(steps, -1, StepGraph.of(steps), Map.of(), Instant.EPOCH);
        return first == null ? null : first.step();
    }

    /**
     * The attempt that comes right after a step's checkpoint, when it acts on the outside world: the checkpoint records
     * its start in the same statement (one write less per such step). The next step is the one the loop picks next:
     * the first runnable after this one, or from the start of the list on the next pass. Steps with a {@code when}
     * are left to record themselves (they may be skipped).
     */
    static StepRun nextToRecord(List<Step> steps, int after, StepGraph graph, Map<String, StepRun> runs,
                                Instant now) {
        for (int i = 1; i <= steps.size(); i++) {
            Step step = steps.get((after + i) % steps.size());
            StepRun run = runs.get(step.name);
            if (run != null && run.status().finished() || !needsMet(graph, step, runs)
                    || run != null && run.nextAttemptAt() != null && run.nextAttemptAt().isAfter(now)) {
                continue;
            }
            boolean outside = step.type == StepType.http || step.type == StepType.integration
                    || step.type == StepType.forEach;
            return outside && step.when == null ? new StepRun(step.name, StepRun.Status.running,
                    run == null ? 1 : run.attempts() + 1, null, null, null) : null;
        }
        return null;
    }

    /** Checkpoints a step's result (and the start of the next attempt, if any), if this engine still holds the
     * execution (the heartbeat keeps the lease). */
    private void checkpoint(UUID id, String token, StepRun result, StepRun next, Instant stepTime,
                            long checkpointStart) {
        durably(() -> store.work().checkpoint(id, token, result, next, stepTime));
        listener.stepCheckpointed(Duration.ofNanos(System.nanoTime() - checkpointStart));
    }

    private void finishWith(Execution execution, String token, StepRun last, Instant stepTime, ExecutionStatus status, JsonNode output,
                            String error, long checkpointStart) {
        Instant now = clock.instant();
        durably(() -> store.work().checkpointAndFinish(execution.id(), token, last, stepTime, now, status, output,
                error));
        listener.stepCheckpointed(Duration.ofNanos(System.nanoTime() - checkpointStart));
        Instant began = execution.startedAt() != null ? execution.startedAt() : execution.createdAt();
        listener.executionFinished(execution.workflow(), status, Duration.between(began, now));
    }

    private void finish(Execution execution, String token, ExecutionStatus status, JsonNode output, String error) {
        Instant now = clock.instant();
        durably(() -> store.work().finish(execution.id(), token, status, output, error, now));
        Instant began = execution.startedAt() != null ? execution.startedAt() : execution.createdAt();
        listener.executionFinished(execution.workflow(), status, Duration.between(began, now));
    }

    private StepRun attempt(Execution execution, String token, Step step, StepRun previous, Map<String, StepRun> runs,
                            Instant now, boolean alreadyRecorded) {
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
        if (step.type != StepType.transform && !alreadyRecorded) {
            // acts on the outside world: the start is durable first, so a re-run after a crash is counted
            durably(() -> store.work().startAttempt(execution.id(), token, step.name, attempt, now));
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
