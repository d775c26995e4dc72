package io.flowstack.crds.validation;

import io.flowstack.crds.v1alpha1.workflow.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dependency graph of a workflow's steps: each step's effective needs (the previous step when {@code needs} is
 * unset), and what runs before what. The runtime schedules from the same graph.
 */
public final class StepGraph {
    private final Map<String, List<String>> needs = new LinkedHashMap<>();

    private StepGraph() {
    }

    /** Builds the graph of steps with unique names; unknown needs are kept as they are (the validator reports them). */
    public static StepGraph of(List<Step> steps) {
        StepGraph graph = new StepGraph();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            graph.needs.putIfAbsent(step.name, effectiveNeeds(steps, i));
        }
        return graph;
    }

    /** What a step waits for: its needs, or the step before it when needs is unset. */
    public static List<String> effectiveNeeds(List<Step> steps, int index) {
        Step step = steps.get(index);
        if (step.needs != null) {
            return List.copyOf(step.needs);
        }
        return index == 0 ? List.of() : List.of(steps.get(index - 1).name);
    }

    public List<String> needsOf(String step) {
        return needs.getOrDefault(step, List.of());
    }

    public Set<String> steps() {
        return Collections.unmodifiableSet(needs.keySet());
    }

    /** One cycle (first node repeated at the end), or an empty list when the graph is acyclic. */
    public List<String> findCycle() {
        Map<String, Integer> state = new HashMap<>();
        for (String start : needs.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> cycle = visit(start, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private List<String> visit(String node, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return List.of();
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        path.add(node);
        for (String next : needs.getOrDefault(node, List.of())) {
            if (needs.containsKey(next)) {
                List<String> cycle = visit(next, state, path);
                if (!cycle.isEmpty()) {
                    return cycle;
                }
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return List.of();
    }

    /** All steps that finish before {@code step} starts (transitively); only meaningful on an acyclic graph. */
    public Set<String> upstreamOf(String step) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> queue = new ArrayList<>(needsOf(step));
        while (!queue.isEmpty()) {
            String next = queue.remove(queue.size() - 1);
            if (needs.containsKey(next) && seen.add(next)) {
                queue.addAll(needsOf(next));
            }
        }
        return seen;
    }
}
