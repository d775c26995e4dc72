package io.flowstack.operator.common;

import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.common.ConditionStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Merges freshly computed conditions into the ones a resource has: a condition whose status did not change keeps its
 * lastTransitionTime, every condition gets the generation it was computed from. The one place conditions change.
 */
public final class Conditions {
    private Conditions() {
    }

    public static Condition of(String type, boolean status, String reason, String message) {
        return new Condition(type, status ? ConditionStatus.True : ConditionStatus.False, reason, message);
    }

    public static Condition of(String type, boolean status, Reason reason, String message) {
        return of(type, status, reason.name(), message);
    }

    public static Condition unknown(String type, Reason reason, String message) {
        return new Condition(type, ConditionStatus.Unknown, reason.name(), message);
    }

    public static Condition unknown(String type, String reason, String message) {
        return new Condition(type, ConditionStatus.Unknown, reason, message);
    }

    public static List<Condition> merge(List<Condition> existing, List<Condition> computed, long generation, Instant now) {
        List<Condition> merged = new ArrayList<>();
        String timestamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
        for (Condition fresh : computed) {
            Optional<Condition> previous = find(existing, fresh.type);
            // metav1.Condition requires a message: an empty one rather than none
            Condition condition = new Condition(fresh.type, fresh.status, fresh.reason,
                    fresh.message == null ? "" : fresh.message);
            condition.observedGeneration = generation;
            condition.lastTransitionTime = previous.filter(p -> p.status == fresh.status)
                    .map(p -> p.lastTransitionTime).orElse(timestamp);
            merged.add(condition);
        }
        return merged;
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.stream().filter(c -> Objects.equals(c.type, type)).findFirst();
    }

    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(c -> c.status == ConditionStatus.True).orElse(false);
    }
}
