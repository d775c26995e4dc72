package io.flowstack.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstack.contract.ExecutionStatus;
import io.flowstack.crds.v1alpha1.workflow.Step;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.crds.validation.StepGraph;
import io.flowstack.runtime.definitions.Workflows;
import io.flowstack.runtime.http.OutboundHttp;
import io.flowstack.runtime.store.Execution;
import io.flowstack.runtime.store.ExecutionStore;
import io.flowstack.runtime.store.LeaseLostException;
import io.flowstack.runtime.store.StepRun;
import io.flowstack.runtime.store.WorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

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
    private final LeaseKeeper leases;
    private volatile boolean stopping;
    private final ExecutionStore store;
    private final Workflows workflows;
    private final Clock clock;
    private final String owner;
    private final StepAttempts attempts;
    private final EngineListener listener;

    public Engine(ExecutionStore store, Workflows workflows, IntegrationCalls integrations, OutboundHttp http, Clock clock,
                  String owner, RandomGenerator random, EngineListener listener) {
        this(store, workflows, integrations, http, clock, owner, random, listener, LEASE);
    }

    public Engine(ExecutionStore store, Workflows workflows, IntegrationCalls integrations, OutboundHttp http, Clock clock,
                  String owner, RandomGenerator random, EngineListener listener, Duration lease) {
        this.leases = new LeaseKeeper(store, lease);
        this.listener = listener;
        this.store = store;
        this.workflows = workflows;
        this.clock = clock;
        this.owner = owner;
        Expressions expressions = new Expressions();
        this.attempts = new StepAttempts(expressions, new StepRunner(expressions, http, integrations, listener), random,
                listener);
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
        List<WorkQueue.Loaded> claimed = store.work().claim(owner, batch, clock.instant(), leases.lease());
        claimed.forEach(loaded -> leases.hold(loaded.execution().id(), loaded.lease()));
        long claimedAt = System.nanoTime();
        Map<UUID, String> unstarted = new LinkedHashMap<>();
        claimed.forEach(loaded -> unstarted.put(loaded.execution().id(), loaded.lease()));
        try {
            for (WorkQueue.Loaded loaded : claimed) {
                if (stopping || Duration.ofNanos(System.nanoTime() - claimedAt).compareTo(leases.lease().dividedBy(3)) > 0) {
                    break;
                }
                UUID id = loaded.execution().id();
                unstarted.remove(id);
                try {
                    advance(loaded);
                } catch (LeaseLostException e) {
                    LOG.infof("execution %s is no longer held by this runtime (cancelled, or its lease lapsed and"
                            + " another worker took it over): the result in hand is dropped", id);
                } finally {
                    leases.drop(id);
                }
            }
        } finally {
            if (!unstarted.isEmpty()) {
                Set<UUID> recorded = claimed.stream().filter(l -> l.recorded() != null && unstarted.containsKey(
                        l.execution().id())).map(l -> l.execution().id()).collect(Collectors.toSet());
                leases.releaseUnstarted(unstarted, recorded);
            }
        }
        return claimed.size();
    }

    /**
     * One heartbeat: renews the lease of every execution this engine holds, on the database's clock; returns how many
     * it renewed (an execution finished, cancelled or taken over since is left alone by the lease token).
     */
    public int renewLeases() {
        return leases.renew();
    }

    /** Stops claiming; executions in flight end their current step, checkpoint it and are handed back. */
    public void stop() {
        stopping = true;
    }

    /** Hands back at once every execution still held (at the end of a graceful stop's grace): any replica may
     * claim them without waiting out the lease. Returns how many. */
    public int releaseAll() {
        return leases.releaseAll();
    }

    /** How many executions this engine holds right now. */
    public int held() {
        return leases.size();
    }

    public Duration lease() {
        return leases.lease();
    }

    /** An execution being advanced: its definition, its checkpoints, its lease and the attempt already recorded. */
    private static final class Run {
        final Execution execution;
        final List<Step> steps;
        final StepGraph graph;
        final Map<String, StepRun> runs;
        final String token;
        StepRun recorded;
        /** Results of this pass whose checkpoint waits for the next one (see {@link StepPlan#nextIsTransform}). */
        final List<StepRun> unsaved = new ArrayList<>();

        /** The held-back results, in the order they ran, now handed to a checkpoint. */
        List<StepRun> takeUnsaved() {
            List<StepRun> taken = List.copyOf(unsaved);
            unsaved.clear();
            return taken;
        }

        Run(WorkQueue.Loaded loaded, Workflow definition) {
            this.execution = loaded.execution();
            this.steps = definition.getSpec().steps;
            this.graph = StepGraph.of(steps);
            this.runs = new LinkedHashMap<>(loaded.steps());
            this.token = loaded.lease();
            this.recorded = loaded.recorded();
        }
    }

    /** Runs an execution this engine holds as far as it can go now: to its end, or to a step that must wait. */
    void advance(WorkQueue.Loaded loaded) {
        Execution execution = loaded.execution();
        Optional<Workflow> definition = workflows.revision(execution.workflow(), execution.revision());
        if (definition.isEmpty()) {
            finish(execution, loaded.lease(), ExecutionStatus.failed, null, "revision " + execution.revision()
                    + " of workflow " + execution.workflow() + " is no longer deployed");
            return;
        }
        Run run = new Run(loaded, definition.get());
        while (true) {
            Instant now = clock.instant();
            if (now.isAfter(execution.deadline())) {
                flush(run, now);
                finish(execution, run.token, ExecutionStatus.timed_out, null, "the execution ran past its timeout");
                return;
            }
            boolean progressed = false;
            Instant wakeUp = null;
            for (int index = 0; index < run.steps.size(); index++) {
                Step step = run.steps.get(index);
                StepRun previous = run.runs.get(step.name);
                if (!StepPlan.due(run.graph, step, previous, run.runs, now)) {
                    wakeUp = StepPlan.waiting(previous, now) ? earliest(wakeUp, previous.nextAttemptAt()) : wakeUp;
                    continue;
                }
                if (stopping) {
                    flush(run, now);
                    leases.durably(() -> store.work().park(execution.id(), run.token, now));   // handed back
                    return;
                }
                StepRun result = step(run, index, step, previous, now);
                if (result == null) {
                    return;   // it ended the execution
                }
                if (result.status() == StepRun.Status.waiting) {
                    wakeUp = earliest(wakeUp, result.nextAttemptAt());
                } else {
                    progressed = true;
                }
            }
            flush(run, clock.instant());
            if (StepPlan.allFinished(run.steps, run.runs)) {
                finish(execution, run.token, ExecutionStatus.succeeded, StepPlan.outputOf(run.steps, run.runs), null);
                return;
            }
            if (!progressed) {
                Instant next = wakeUp != null ? wakeUp : clock.instant().plusSeconds(1);
                leases.durably(() -> store.work().park(execution.id(), run.token, next));
                return;
            }
        }
    }

    /**
     * One attempt of a due step and its checkpoint (with the start of the next outside step, if one follows); null
     * when the result ended the execution.
     */
    private StepRun step(Run run, int index, Step step, StepRun previous, Instant now) {
        UUID id = run.execution.id();
        int attempt = previous == null ? 1 : previous.attempts() + 1;
        boolean recorded = run.recorded != null && run.recorded.step().equals(step.name)
                && run.recorded.attempts() == attempt;
        StepRun result = attempts.attempt(run.execution, step, previous, run.runs, now, recorded ? () -> { }
                : () -> leases.durably(() -> store.work().startAttempt(id, run.token, step.name, attempt, now)));
        run.runs.put(step.name, result);
        long checkpointStart = System.nanoTime();
        if (endedWith(run, result, now, checkpointStart)) {
            return null;
        }
        run.recorded = stopping ? null : StepPlan.nextToRecord(run.steps, index, run.graph, run.runs, now);
        StepRun next = run.recorded;
        run.unsaved.add(result);
        if (!stopping && result.status().finished()
                && StepPlan.nextIsTransform(run.steps, index, run.graph, run.runs, now)) {
            return result;   // checkpointed with the transform that follows
        }
        List<StepRun> results = run.takeUnsaved();
        leases.durably(() -> store.work().checkpoint(id, run.token, results, next, now));
        listener.stepCheckpointed(Duration.ofNanos(System.nanoTime() - checkpointStart));
        return result;
    }

    /** Checkpoints results still held back (before the execution is finished, parked or handed back otherwise). */
    private void flush(Run run, Instant now) {
        if (!run.unsaved.isEmpty()) {
            List<StepRun> results = run.takeUnsaved();
            leases.durably(() -> store.work().checkpoint(run.execution.id(), run.token, results, null, now));
        }
    }

    /**
     * Ends the execution when this step's result decides it (a failed step, or the last one): the step is
     * checkpointed with the end, in one commit. Returns whether it ended.
     */
    private boolean endedWith(Run run, StepRun result, Instant stepTime, long checkpointStart) {
        if (result.status() == StepRun.Status.failed) {
            finishWith(run, result, stepTime, ExecutionStatus.failed, null, "step " + result.step() + " failed: "
                    + result.error(), checkpointStart);
            return true;
        }
        if (StepPlan.allFinished(run.steps, run.runs)) {
            finishWith(run, result, stepTime, ExecutionStatus.succeeded, StepPlan.outputOf(run.steps, run.runs), null,
                    checkpointStart);
            return true;
        }
        return false;
    }

    private void finishWith(Run run, StepRun last, Instant stepTime, ExecutionStatus status, JsonNode output,
                            String error, long checkpointStart) {
        Instant now = clock.instant();
        run.unsaved.add(last);
        List<StepRun> results = run.takeUnsaved();
        leases.durably(() -> store.work().checkpointAndFinish(run.execution.id(), run.token, results, stepTime, now,
                status, output, error));
        listener.stepCheckpointed(Duration.ofNanos(System.nanoTime() - checkpointStart));
        finished(run.execution, status, now);
    }

    private void finish(Execution execution, String token, ExecutionStatus status, JsonNode output, String error) {
        Instant now = clock.instant();
        leases.durably(() -> store.work().finish(execution.id(), token, status, output, error, now));
        finished(execution, status, now);
    }

    private void finished(Execution execution, ExecutionStatus status, Instant now) {
        Instant began = execution.startedAt() != null ? execution.startedAt() : execution.createdAt();
        listener.executionFinished(execution.workflow(), status, Duration.between(began, now));
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null || (b != null && b.isBefore(a)) ? b : a;
    }
}
