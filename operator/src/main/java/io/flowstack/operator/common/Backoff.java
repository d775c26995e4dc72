package io.flowstack.operator.common;

import io.flowstack.crds.v1alpha1.common.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Retry pacing that survives restarts: wait as long as the problem has lasted (read from its condition's
 * lastTransitionTime), within bounds. A problem a minute old is looked at again in a minute, one an hour old in
 * {@code max}; nothing is kept in memory.
 */
public record Backoff(Duration min, Duration max) {

    /** How long to wait, given the condition that has held the problem since its lastTransitionTime. */
    public Duration after(Optional<Condition> problem, Instant now) {
        Duration lasted = problem.filter(c -> c.lastTransitionTime != null)
                .map(c -> Duration.between(Instant.parse(c.lastTransitionTime), now))
                .orElse(Duration.ZERO);
        return clamp(lasted);
    }

    public Duration clamp(Duration lasted) {
        if (lasted.compareTo(min) < 0) {
            return min;
        }
        return lasted.compareTo(max) > 0 ? max : lasted;
    }
}
