package io.flowstack.crds.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstack.crds.v1alpha1.workflow.Step;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepGraphTest {
    private static Step step(String name, String... needs) {
        Step step = new Step();
        step.name = name;
        step.needs = needs.length == 1 && needs[0] == null ? null : List.of(needs);
        return step;
    }

    private static Step sequential(String name) {
        Step step = new Step();
        step.name = name;
        return step;
    }

    @Test
    void unsetNeedsMeanThePreviousStep() {
        List<Step> steps = List.of(sequential("a"), sequential("b"), sequential("c"));
        StepGraph graph = StepGraph.of(steps);
        assertThat(graph.needsOf("a")).isEmpty();
        assertThat(graph.needsOf("c")).containsExactly("b");
        assertThat(graph.upstreamOf("c")).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void emptyNeedsStartAtOnce() {
        List<Step> steps = List.of(sequential("a"), step("b"));
        assertThat(StepGraph.of(steps).needsOf("b")).isEmpty();
    }

    @Test
    void findsACycleAndNamesItsSteps() {
        List<Step> steps = List.of(step("a", "c"), step("b", "a"), step("c", "b"), step("d"));
        assertThat(StepGraph.of(steps).findCycle()).containsExactly("a", "c", "b", "a");
    }

    @Test
    void diamondIsNotACycle() {
        List<Step> steps = List.of(step("a"), step("b", "a"), step("c", "a"), step("d", "b", "c"));
        StepGraph graph = StepGraph.of(steps);
        assertThat(graph.findCycle()).isEmpty();
        assertThat(graph.upstreamOf("d")).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(graph.upstreamOf("b")).containsExactly("a");
    }

    @Test
    void deepChainsDoNotOverflow() {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            steps.add(sequential("s" + i));
        }
        assertThat(StepGraph.of(steps).findCycle()).isEmpty();
        assertThat(StepGraph.of(steps).upstreamOf("s99")).hasSize(99);
    }
}
