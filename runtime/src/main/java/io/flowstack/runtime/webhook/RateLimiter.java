package io.flowstack.runtime.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per minute per workflow as a token bucket, per replica: a bucket holds up to the limit and refills at the
 * limit per minute, so no window lets more than the limit through (a fixed window lets twice the limit through around
 * its boundary). A request takes a token when it reaches the limit check and gives it back if it is refused after
 * that (bad JSON, wrong input, a replay): only accepted requests use up the limit. With N replicas behind the Service
 * a workflow accepts up to N times its limit at worst; a shared limit would cost a database round trip per request.
 */
public final class RateLimiter {
    private static final long NANOS_PER_MINUTE = Duration.ofMinutes(1).toNanos();

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long refilledAt) {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Takes a token; false (nothing taken) when the workflow has used up its limit for now. */
    public boolean tryAcquire(String workflow, int perMinute, Instant now) {
        long at = nanos(now);
        boolean[] taken = new boolean[1];
        buckets.compute(workflow, (k, bucket) -> {
            Bucket b = bucket == null ? new Bucket(perMinute, at) : bucket;
            double elapsed = Math.max(0, at - b.refilledAt);
            b.tokens = Math.min(perMinute, b.tokens + elapsed * perMinute / NANOS_PER_MINUTE);
            b.refilledAt = Math.max(b.refilledAt, at);
            if (b.tokens >= 1) {
                b.tokens -= 1;
                taken[0] = true;
            }
            return b;
        });
        return taken[0];
    }

    /** Gives back the token of a request refused after the limit check. */
    public void release(String workflow, int perMinute) {
        buckets.computeIfPresent(workflow, (k, b) -> {
            b.tokens = Math.min(perMinute, b.tokens + 1);
            return b;
        });
    }

    /** Seconds until the workflow has a token again (for Retry-After). */
    public long secondsUntilNext(String workflow, int perMinute) {
        Bucket b = buckets.get(workflow);
        double missing = b == null ? 0 : Math.max(0, 1 - b.tokens);
        return Math.max(1, (long) Math.ceil(missing * 60.0 / perMinute));
    }

    private static long nanos(Instant now) {
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
