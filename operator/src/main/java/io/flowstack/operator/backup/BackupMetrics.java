package io.flowstack.operator.backup;

import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.flowstack.crds.v1alpha1.backup.BackupPolicyStatus;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * {@code flowstack_backup_last_success_timestamp_seconds{namespace,policy}} and
 * {@code flowstack_backup_verification_success{namespace,policy}} (1 passed, 0 failed). Each reconcile hands over the
 * status it just computed (the informer's cache may still hold the one before the write, and a status write wakes no
 * reconcile of its own); rows of policies the cache no longer lists are dropped on the next reconcile of any policy
 * and by {@link #prune}, which the operator calls periodically. Alerts are built on these (backup missing, drill
 * failed).
 */
public class BackupMetrics {
    public static final String LAST_SUCCESS = "flowstack_backup_last_success_timestamp_seconds";
    public static final String VERIFICATION = "flowstack_backup_verification_success";
    private final MultiGauge lastSuccess;
    private final MultiGauge verification;
    private final Map<ResourceID, BackupPolicyStatus> latest = new ConcurrentHashMap<>();

    public BackupMetrics(MeterRegistry registry) {
        lastSuccess = MultiGauge.builder(LAST_SUCCESS)
                .description("When the policy's last successful backup finished (Unix time)").register(registry);
        verification = MultiGauge.builder(VERIFICATION)
                .description("Whether the policy's last restore drill passed (1) or failed (0)").register(registry);
    }

    /** Records the status just computed for {@code policy} and sets the rows of every policy the cache lists. */
    public synchronized void observe(BackupPolicy policy, BackupPolicyStatus status,
                                     IndexedResourceCache<BackupPolicy> policies) {
        policies.list().forEach(p -> latest.putIfAbsent(ResourceID.fromResource(p), statusOrEmpty(p)));
        latest.put(ResourceID.fromResource(policy), status);
        prune(policies.list().map(ResourceID::fromResource).collect(Collectors.toSet()), ResourceID.fromResource(policy));
    }

    /** Drops the rows of policies that are gone ({@code keep} also survives, though the cache may not list it yet). */
    public synchronized void prune(Set<ResourceID> present, ResourceID keep) {
        latest.keySet().removeIf(id -> !present.contains(id) && !id.equals(keep));
        List<MultiGauge.Row<?>> successes = new ArrayList<>();
        List<MultiGauge.Row<?>> drills = new ArrayList<>();
        latest.forEach((id, status) -> {
            Tags tags = Tags.of("namespace", id.getNamespace().orElse(""), "policy", id.getName());
            if (status.lastSuccessfulBackup != null && status.lastSuccessfulBackup.time != null) {
                successes.add(MultiGauge.Row.of(tags, Instant.parse(status.lastSuccessfulBackup.time).getEpochSecond()));
            }
            if (status.lastVerification != null && status.lastVerification.succeeded != null) {
                drills.add(MultiGauge.Row.of(tags, status.lastVerification.succeeded ? 1 : 0));
            }
        });
        lastSuccess.register(successes, true);
        verification.register(drills, true);
    }

    private static BackupPolicyStatus statusOrEmpty(BackupPolicy policy) {
        return policy.getStatus() == null ? new BackupPolicyStatus() : policy.getStatus();
    }
}
