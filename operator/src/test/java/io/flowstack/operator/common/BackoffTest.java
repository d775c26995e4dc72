package io.flowstack.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstack.crds.v1alpha1.common.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Waiting as long as a problem has lasted, within bounds, read from the condition alone. */
class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(10));
    private final Instant now = Instant.parse("2026-12-01T12:00:00Z");

    private Optional<Condition> since(Duration ago) {
        Condition condition = Conditions.of("Degraded", true, "InvalidSpec", "x");
        condition.lastTransitionTime = now.minus(ago).toString();
        return Optional.of(condition);
    }

    @Test
    void growsWithTheProblemsAgeBetweenItsBounds() {
        assertThat(backoff.after(Optional.empty(), now)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.after(since(Duration.ofSeconds(3)), now)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.after(since(Duration.ofSeconds(95)), now)).isEqualTo(Duration.ofSeconds(95));
        assertThat(backoff.after(since(Duration.ofHours(3)), now)).isEqualTo(Duration.ofMinutes(10));
    }
}
