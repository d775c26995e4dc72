package io.flowstack.operator.backup;

import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code flowstack_backup_last_success_timestamp_seconds{namespace,policy}} and
 * {@code flowstack_backup_verification_success{namespace,policy}} (1 passed, 0 failed), from the policies' status in
 * the controller's cache; rows of deleted policies go with them. Alerts are built on these (backup missing, drill failed).
 */
public class BackupMetrics {
    public static final String LAST_SUCCESS = "flowstack_backup_last_success_timestamp_seconds";
    public static final String VERIFICATION = "flowstack_backup_verification_success";
    private final MultiGauge lastSuccess;
    private final MultiGauge verification;

    public BackupMetrics(MeterRegistry registry) {
        lastSuccess = MultiGauge.builder(LAST_SUCCESS)
                .description("When the policy's last successful backup finished (Unix time)").register(registry);
        verification = MultiGauge.builder(VERIFICATION)
                .description("Whether the policy's last restore drill passed (1) or failed (0)").register(registry);
    }

    /** Sets the rows from every policy the controller knows. */
    public void observe(IndexedResourceCache<BackupPolicy> policies) {
        List<MultiGauge.Row<?>> successes = new ArrayList<>();
        List<MultiGauge.Row<?>> drills = new ArrayList<>();
        policies.list().forEach(policy -> {
            var status = policy.getStatus();
            Tags tags = Tags.of("namespace", policy.getMetadata().getNamespace(), "policy",
                    policy.getMetadata().getName());
            if (status != null && status.lastSuccessfulBackup != null && status.lastSuccessfulBackup.time != null) {
                successes.add(MultiGauge.Row.of(tags, Instant.parse(status.lastSuccessfulBackup.time).getEpochSecond()));
            }
            if (status != null && status.lastVerification != null && status.lastVerification.succeeded != null) {
                drills.add(MultiGauge.Row.of(tags, status.lastVerification.succeeded ? 1 : 0));
            }
        });
        lastSuccess.register(successes, true);
        verification.register(drills, true);
    }
}
