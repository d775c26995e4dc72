package io.flowstack.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.common.ConditionStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Conditions.merge: the one place conditions change. */
class ConditionsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.750Z");
    private static final Instant T1 = T0.plusSeconds(90);

    @Test
    void aNewConditionGetsTheTimeAndGenerationItWasComputedAt() {
        List<Condition> merged = Conditions.merge(null, List.of(Conditions.of("Ready", false, "Progressing", "wait")),
                3, T0);
        assertThat(merged).singleElement().satisfies(c -> {
            assertThat(c.status).isEqualTo(ConditionStatus.False);
            assertThat(c.lastTransitionTime).as("whole seconds, as the API server keeps them")
                    .isEqualTo("2026-12-01T10:00:00Z");
            assertThat(c.observedGeneration).isEqualTo(3L);
        });
    }

    @Test
    void anUnchangedStatusKeepsItsTransitionTimeEvenWhenReasonAndMessageChange() {
        List<Condition> before = Conditions.merge(null, List.of(Conditions.of("Ready", false, "Progressing", "a")), 1, T0);
        List<Condition> after = Conditions.merge(before, List.of(Conditions.of("Ready", false, "InvalidSpec", "b")), 2,
                T1);
        assertThat(after.get(0).lastTransitionTime).isEqualTo(before.get(0).lastTransitionTime);
        assertThat(after.get(0).reason).isEqualTo("InvalidSpec");
        assertThat(after.get(0).message).isEqualTo("b");
        assertThat(after.get(0).observedGeneration).isEqualTo(2L);
    }

    @Test
    void aChangedStatusGetsANewTransitionTimeAndConditionsNotComputedAgainAreDropped() {
        List<Condition> before = Conditions.merge(null, List.of(Conditions.of("Ready", false, "Progressing", "a"),
                Conditions.of("Old", true, "X", "x")), 1, T0);
        List<Condition> after = Conditions.merge(before, List.of(Conditions.of("Ready", true, "StackReady", "ok")), 1,
                T1);
        assertThat(after).extracting(c -> c.type).containsExactly("Ready");
        assertThat(after.get(0).lastTransitionTime).isEqualTo("2026-12-01T10:01:30Z");
        assertThat(Conditions.isTrue(after, "Ready")).isTrue();
        assertThat(Conditions.isTrue(after, "Old")).isFalse();
        assertThat(Conditions.find(null, "Ready")).isEmpty();
    }
}
