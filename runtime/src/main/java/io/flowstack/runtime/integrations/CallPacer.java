package io.flowstack.runtime.integrations;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spaces calls to an integration evenly so they stay within its requests per minute, per replica: a call waits for its
 * slot, or fails (retryably) when the slot is further away than the step may wait.
 */
public final class CallPacer {
    private final Map<String, Long> nextSlot = new ConcurrentHashMap<>();

    /** Waits for the next slot of {@code integration}; false when it would have to wait longer than {@code patience}. */
    public boolean await(String integration, int perMinute, Duration patience) throws InterruptedException {
        long interval = Duration.ofMinutes(1).toNanos() / perMinute;
        long now = System.nanoTime();
        long[] slot = new long[1];
        boolean[] admitted = new boolean[1];
        nextSlot.compute(integration, (name, next) -> {
            long at = next == null ? now : Math.max(now, next);
            admitted[0] = at - now <= patience.toNanos();
            slot[0] = at;
            return admitted[0] ? at + interval : next;
        });
        if (!admitted[0]) {
            return false;
        }
        long wait = slot[0] - now;
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        return true;
    }
}
