package io.flowstack.operator.backup;

import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.flowstack.crds.v1alpha1.backup.BackupPolicyStatus;
import io.flowstack.crds.validation.CronSchedules;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The backups' side of the alert contract, labelled {@code tenant} (the Tenant's name: the operator's own scrape gives
 * {@code namespace} to the operator's namespace) and {@code policy}:
 * {@code flowstack_backup_last_success_timestamp_seconds} (when the last good backup finished),
 * {@code flowstack_backup_last_succeeded} (1/0: the last backup's outcome),
 * {@code flowstack_backup_verification_success} (1/0: the last drill's) and
 * {@code flowstack_backup_deadline_timestamp_seconds}: the last good backup (or, before the first, the policy's
 * creation) plus 1.1 times the longest interval of its schedule; none while suspended. The tenant's alert adds its
 * grace ({@code spec.monitoring.backupMissingGrace}) to the deadline.
 *
 * <p>Each reconcile hands over the status it just computed (the informer's cache may still hold the one before the
 * write, and a status write wakes no reconcile of its own); rows of policies the cache no longer lists are dropped on
 * the next reconcile of any policy (each policy is looked at again when its schedule comes round).
 */
public class BackupMetrics {
    public static final String LAST_SUCCESS = "flowstack_backup_last_success_timestamp_seconds";
    public static final String LAST_SUCCEEDED = "flowstack_backup_last_succeeded";
    public static final String VERIFICATION = "flowstack_backup_verification_success";
    public static final String DEADLINE = "flowstack_backup_deadline_timestamp_seconds";
    /** The schedule's longest interval times this is how long a backup may be missing before the grace starts. */
    static final double DEADLINE_FACTOR = 1.1;
    private final MultiGauge lastSuccess;
    private final MultiGauge lastSucceeded;
    private final MultiGauge verification;
    private final MultiGauge deadline;
    private final Map<ResourceID, Row> latest = new ConcurrentHashMap<>();
    /** Longest intervals by schedule and time zone: a year of a schedule's times is walked once, not per reconcile. */
    private static final Map<String, Duration> INTERVALS = new ConcurrentHashMap<>();

    /** What the rows of one policy are made of. */
    private record Row(String tenant, BackupPolicyStatus status, Double deadline) {
    }

    public BackupMetrics(MeterRegistry registry) {
        lastSuccess = MultiGauge.builder(LAST_SUCCESS)
                .description("When the policy's last successful backup finished (Unix time)").register(registry);
        lastSucceeded = MultiGauge.builder(LAST_SUCCEEDED)
                .description("Whether the policy's last backup succeeded (1) or failed (0)").register(registry);
        verification = MultiGauge.builder(VERIFICATION)
                .description("Whether the policy's last restore drill passed (1) or failed (0)").register(registry);
        deadline = MultiGauge.builder(DEADLINE)
                .description("When the policy's backup is overdue (Unix time): last success, or creation, plus 1.1"
                        + " times the schedule's longest interval").register(registry);
    }

    /**
     * Records the status just computed for {@code policy} of {@code tenant} (null: in no tenant's namespace, no rows)
     * and drops the rows of policies the cache no longer lists.
     */
    public synchronized void observe(BackupPolicy policy, String tenant, BackupPolicyStatus status, Instant now,
                                     IndexedResourceCache<BackupPolicy> policies) {
        ResourceID id = ResourceID.fromResource(policy);
        if (tenant == null) {
            latest.remove(id);
        } else {
            latest.put(id, new Row(tenant, status, deadline(policy, status, now)));
        }
        Set<ResourceID> present = policies.list().map(ResourceID::fromResource).collect(Collectors.toSet());
        latest.keySet().removeIf(known -> !present.contains(known) && !known.equals(id));
        publish();
    }

    /** The deadline of a policy, or null while it is suspended or its schedule cannot be read. */
    static Double deadline(BackupPolicy policy, BackupPolicyStatus status, Instant now) {
        if (Boolean.TRUE.equals(policy.getSpec().suspend) || policy.getSpec().schedule == null) {
            return null;
        }
        String since = status.lastSuccessfulBackup != null && status.lastSuccessfulBackup.time != null
                ? status.lastSuccessfulBackup.time : policy.getMetadata().getCreationTimestamp();
        try {
            Instant from = since == null ? now : Instant.parse(since);
            String zone = policy.getSpec().timezone == null ? "UTC" : policy.getSpec().timezone;
            Duration interval = INTERVALS.computeIfAbsent(policy.getSpec().schedule + " " + zone, k ->
                    CronSchedules.longestInterval(CronSchedules.parse(policy.getSpec().schedule),
                            from.atZone(CronSchedules.zone(zone))));
            return from.getEpochSecond() + DEADLINE_FACTOR * interval.toSeconds();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void publish() {
        List<MultiGauge.Row<?>> successes = new ArrayList<>();
        List<MultiGauge.Row<?>> outcomes = new ArrayList<>();
        List<MultiGauge.Row<?>> drills = new ArrayList<>();
        List<MultiGauge.Row<?>> deadlines = new ArrayList<>();
        latest.forEach((id, row) -> {
            Tags tags = Tags.of("tenant", row.tenant(), "policy", id.getName());
            BackupPolicyStatus status = row.status();
            if (status.lastSuccessfulBackup != null && status.lastSuccessfulBackup.time != null) {
                successes.add(MultiGauge.Row.of(tags, Instant.parse(status.lastSuccessfulBackup.time).getEpochSecond()));
            }
            if (status.lastBackup != null && status.lastBackup.succeeded != null) {
                outcomes.add(MultiGauge.Row.of(tags, status.lastBackup.succeeded ? 1 : 0));
            }
            if (status.lastVerification != null && status.lastVerification.succeeded != null) {
                drills.add(MultiGauge.Row.of(tags, status.lastVerification.succeeded ? 1 : 0));
            }
            if (row.deadline() != null) {
                deadlines.add(MultiGauge.Row.of(tags, row.deadline()));
            }
        });
        lastSuccess.register(successes, true);
        lastSucceeded.register(outcomes, true);
        verification.register(drills, true);
        deadline.register(deadlines, true);
    }
}
