package io.flowstack.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.flowstack.crds.v1alpha1.workflow.Step;
import io.flowstack.crds.v1alpha1.workflow.StepType;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.crds.validation.StepGraph;
import io.flowstack.runtime.store.StepRun;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Where an execution stands in its step graph: which steps are due, which attempt comes next, its output. */
final class StepPlan {
    private StepPlan() {
    }

    static boolean needsMet(StepGraph graph, Step step, Map<String, StepRun> runs) {
        return graph.needsOf(step.name).stream().allMatch(n -> runs.containsKey(n) && runs.get(n).status().finished());
    }

    /** Whether a step can run now: not finished, its needs finished, not waiting for a later time. */
    static boolean due(StepGraph graph, Step step, StepRun run, Map<String, StepRun> runs, Instant now) {
        return (run == null || !run.status().finished()) && needsMet(graph, step, runs) && !waiting(run, now);
    }

    static boolean waiting(StepRun run, Instant now) {
        return run != null && run.nextAttemptAt() != null && run.nextAttemptAt().isAfter(now);
    }

    static boolean allFinished(List<Step> steps, Map<String, StepRun> runs) {
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
            if (!due(graph, step, run, runs, now)) {
                continue;
            }
            boolean outside = step.type == StepType.http || step.type == StepType.integration
                    || step.type == StepType.forEach;
            return outside && step.when == null ? new StepRun(step.name, StepRun.Status.running,
                    run == null ? 1 : run.attempts() + 1, null, null, null) : null;
        }
        return null;
    }

    /**
     * Whether the step the loop picks after this one is a transform due now: it only computes from results held in
     * memory, so this step's checkpoint can wait for it and both commit together (a crash in between re-runs this step
     * from its recorded start, as a crash before its own checkpoint would have).
     */
    static boolean nextIsTransform(List<Step> steps, int after, StepGraph graph, Map<String, StepRun> runs,
                                   Instant now) {
        for (int i = 1; i <= steps.size(); i++) {
            Step step = steps.get((after + i) % steps.size());
            if (due(graph, step, runs.get(step.name), runs, now)) {
                return step.type == StepType.transform;
            }
        }
        return false;
    }

    /** The output of an execution: the last step (in spec order) that ran, or null when all were skipped. */
    static JsonNode outputOf(List<Step> steps, Map<String, StepRun> runs) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            StepRun run = runs.get(steps.get(i).name);
            if (run != null && run.status() == StepRun.Status.succeeded) {
                return run.output();
            }
        }
        return JsonNodeFactory.instance.nullNode();
    }
}
