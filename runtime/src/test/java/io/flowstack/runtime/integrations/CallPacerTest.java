package io.flowstack.runtime.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Calls to one integration are spaced to its rate; a slot beyond the caller's patience is refused, not waited for. */
class CallPacerTest {
    @Test
    void spacesCallsAndRefusesSlotsBeyondPatience() throws InterruptedException {
        CallPacer pacer = new CallPacer();
        long start = System.nanoTime();
        assertThat(pacer.await("crm", 600, Duration.ofSeconds(5))).isTrue();
        assertThat(pacer.await("crm", 600, Duration.ofSeconds(5))).isTrue();
        assertThat(pacer.await("crm", 600, Duration.ofSeconds(5))).isTrue();
        // 600/min = one per 100 ms: the third call cannot start before 200 ms
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(195));
        assertThat(pacer.await("other", 600, Duration.ZERO)).as("integrations are paced separately").isTrue();

        CallPacer slow = new CallPacer();
        assertThat(slow.await("mail", 1, Duration.ofSeconds(1))).isTrue();
        assertThat(slow.await("mail", 1, Duration.ofSeconds(1))).as("next slot is a minute away").isFalse();
    }
}
