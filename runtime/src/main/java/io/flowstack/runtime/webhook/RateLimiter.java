package io.flowstack.runtime.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per minute per workflow, in fixed one-minute windows, per replica: with N replicas behind the Service a
 * workflow accepts up to N times its limit at worst. A shared limit would cost a database round trip per request.
 */
public final class RateLimiter {
    private record Window(long minute, int count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** Counts a request; false when the workflow has used up its requests of this minute. */
    public boolean tryAcquire(String workflow, int perMinute, Instant now) {
        long minute = now.getEpochSecond() / Duration.ofMinutes(1).toSeconds();
        Window window = windows.compute(workflow, (k, w) -> w == null || w.minute() != minute
                ? new Window(minute, 1) : new Window(minute, w.count() + 1));
        return window.count() <= perMinute;
    }
}
