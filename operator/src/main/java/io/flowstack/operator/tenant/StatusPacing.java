package io.flowstack.operator.tenant;

import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.tenant.TenantStatus;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.common.StatusWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a Tenant's status is written. Ready and Degraded (and anything after them) are written at once. While a new
 * stack is only coming up, its status is written first {@link #FIRST_STATUS_GRACE} after the operator began on it,
 * and then at most every {@link #PROGRESS_INTERVAL}: progress shows, without one write per component that becomes
 * ready. The grace is a minute because that is how long a new stack takes in a real cluster (a volume provisioned,
 * PostgreSQL initialised, its readiness probe passed, the runtime started against it): most stacks are Ready by
 * then, and their one status write says so; a shorter grace would add a progress write to nearly every Tenant.
 * Times are kept in memory; after a restart the operator at worst writes one status early.
 */
final class StatusPacing {
    static final Duration FIRST_STATUS_GRACE = Duration.ofSeconds(60);
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(30);

    /** Write now, or not before the given delay (empty: nothing to write). */
    record Pace(boolean write, Duration retryAfter) {
        static final Pace NOW = new Pace(true, null);
        static final Pace NOTHING = new Pace(false, null);
    }

    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastWritten = new ConcurrentHashMap<>();

    Pace decide(Tenant tenant, TenantStatus next, Instant now) {
        String uid = key(tenant);
        Instant seen = firstSeen.computeIfAbsent(uid, k -> now);
        if (StatusWriter.same(tenant.getStatus(), next)) {
            return Pace.NOTHING;
        }
        if (!progressing(next)) {
            return Pace.NOW;
        }
        if (tenant.getStatus() == null) {
            Duration waited = Duration.between(seen, now);
            return waited.compareTo(FIRST_STATUS_GRACE) < 0 ? new Pace(false, FIRST_STATUS_GRACE.minus(waited)) : Pace.NOW;
        }
        Instant last = lastWritten.get(uid);
        if (progressing(tenant.getStatus()) && last != null) {
            Duration since = Duration.between(last, now);
            if (since.compareTo(PROGRESS_INTERVAL) < 0) {
                return new Pace(false, PROGRESS_INTERVAL.minus(since));
            }
        }
        return Pace.NOW;
    }

    void written(Tenant tenant, Instant now) {
        lastWritten.put(key(tenant), now);
    }

    void forget(Tenant tenant) {
        firstSeen.remove(key(tenant));
        lastWritten.remove(key(tenant));
    }

    /** Coming up: reconciling, with no problem and not ready yet. */
    static boolean progressing(TenantStatus status) {
        return Conditions.isTrue(status.conditions, TenantStatusAggregator.RECONCILING)
                && !Conditions.isTrue(status.conditions, TenantStatusAggregator.DEGRADED)
                && !Conditions.isTrue(status.conditions, TenantStatusAggregator.READY);
    }

    private static String key(Tenant tenant) {
        return tenant.getMetadata().getUid() != null ? tenant.getMetadata().getUid() : tenant.getMetadata().getName();
    }
}
