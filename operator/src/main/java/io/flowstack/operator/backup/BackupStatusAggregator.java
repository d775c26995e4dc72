package io.flowstack.operator.backup;

import io.flowstack.contract.api.BackupReport;
import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.flowstack.crds.v1alpha1.backup.BackupPolicyStatus;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.validation.CronSchedules;
import io.flowstack.operator.backup.desired.BackupJobDesired;
import io.flowstack.operator.common.Conditions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A BackupPolicy's status from its finished Jobs' reports and what the status said before (Jobs go with the CronJobs'
 * history limits; the last successful backup and drill stay in status). Ready summarises; BackupSucceeded and Verified
 * say how the last backup and drill went, with the program's own message.
 */
public final class BackupStatusAggregator {
    public static final String READY = "Ready";
    public static final String BACKUP_SUCCEEDED = "BackupSucceeded";
    public static final String VERIFIED = "Verified";

    /** What the reconcile saw: a problem, the finished Jobs (oldest first), the backup-now value acted upon. */
    public record Observation(Optional<BackupProblem> problem, List<BackupOutcomes.Outcome> outcomes,
                              String backupNowRequest) {
    }

    private BackupStatusAggregator() {
    }

    public static BackupPolicyStatus aggregate(BackupPolicy policy, Observation observed, Instant now) {
        BackupPolicyStatus previous = policy.getStatus() == null ? new BackupPolicyStatus() : policy.getStatus();
        long generation = policy.getMetadata().getGeneration() == null ? 0 : policy.getMetadata().getGeneration();
        BackupPolicyStatus status = new BackupPolicyStatus();
        status.observedGeneration = generation;
        status.lastBackupNowRequest = observed.backupNowRequest();
        status.lastBackup = previous.lastBackup;
        status.lastSuccessfulBackup = previous.lastSuccessfulBackup;
        status.backups = previous.backups;
        status.lastVerification = previous.lastVerification;
        for (BackupOutcomes.Outcome outcome : observed.outcomes()) {
            apply(outcome, status);
        }
        status.nextScheduleTime = observed.problem().isEmpty() ? nextSchedule(policy, now) : null;
        List<Condition> computed = new ArrayList<>();
        computed.add(ready(policy, observed.problem(), status));
        computed.add(backupSucceeded(status));
        computed.add(verified(policy, status));
        status.conditions = Conditions.merge(previous.conditions, computed, generation, now);
        return status;
    }

    /** A newer outcome than what status holds replaces it. */
    private static void apply(BackupOutcomes.Outcome outcome, BackupPolicyStatus status) {
        BackupReport report = outcome.report();
        String time = report.time() != null ? report.time() : outcome.finished();
        if (BackupJobDesired.VERIFY.equals(outcome.kind())) {
            if (status.lastVerification == null || newer(time, status.lastVerification.time)) {
                BackupPolicyStatus.Verification verification = new BackupPolicyStatus.Verification();
                verification.time = time;
                verification.backupKey = report.key();
                verification.succeeded = report.succeeded();
                verification.message = report.message();
                status.lastVerification = verification;
            }
            return;
        }
        BackupPolicyStatus.BackupRecord record = new BackupPolicyStatus.BackupRecord();
        record.time = time;
        record.key = report.key();
        record.size = report.size();
        record.sha256 = report.sha256();
        record.durationSeconds = report.durationSeconds();
        record.succeeded = report.succeeded();
        record.message = report.message();
        if (status.lastBackup == null || newer(time, status.lastBackup.time)) {
            status.lastBackup = record;
        }
        if (report.succeeded() && (status.lastSuccessfulBackup == null
                || newer(time, status.lastSuccessfulBackup.time))) {
            status.lastSuccessfulBackup = record;
            if (report.retained() != null) {
                status.backups = report.retained().stream().map(r -> {
                    BackupPolicyStatus.RetainedBackup retained = new BackupPolicyStatus.RetainedBackup();
                    retained.key = r.key();
                    retained.time = r.time();
                    retained.size = r.size();
                    return retained;
                }).toList();
            }
        }
    }

    /** Whether an outcome at {@code time} replaces one at {@code than}: later, or the same time read again. */
    private static boolean newer(String time, String than) {
        return than == null || !Instant.parse(time).isBefore(Instant.parse(than));
    }

    private static Condition ready(BackupPolicy policy, Optional<BackupProblem> problem, BackupPolicyStatus status) {
        if (problem.isPresent()) {
            return Conditions.of(READY, false, problem.get().reason(), problem.get().message());
        }
        if (status.lastBackup != null && !Boolean.TRUE.equals(status.lastBackup.succeeded)) {
            return Conditions.of(READY, false, BackupReason.BackupFailed, status.lastBackup.message);
        }
        if (Boolean.TRUE.equals(policy.getSpec().suspend)) {
            return Conditions.of(READY, true, BackupReason.Suspended, "scheduled backups and drills are suspended");
        }
        return Conditions.of(READY, true, BackupReason.Scheduled, "backups run on '" + policy.getSpec().schedule
                + "' (" + timezone(policy) + ")" + (status.lastSuccessfulBackup == null ? ""
                : "; the last succeeded at " + status.lastSuccessfulBackup.time));
    }

    private static Condition backupSucceeded(BackupPolicyStatus status) {
        if (status.lastBackup == null) {
            return Conditions.unknown(BACKUP_SUCCEEDED, BackupReason.NoBackupYet, "no backup has run yet");
        }
        return Boolean.TRUE.equals(status.lastBackup.succeeded)
                ? Conditions.of(BACKUP_SUCCEEDED, true, BackupReason.BackupSucceeded, status.lastBackup.key + ": "
                + status.lastBackup.message)
                : Conditions.of(BACKUP_SUCCEEDED, false, BackupReason.BackupFailed, status.lastBackup.message);
    }

    private static Condition verified(BackupPolicy policy, BackupPolicyStatus status) {
        if (policy.getSpec().verify == null) {
            return Conditions.unknown(VERIFIED, BackupReason.NotConfigured, "no restore drills: set spec.verify");
        }
        if (status.lastVerification == null) {
            return Conditions.unknown(VERIFIED, BackupReason.NoDrillYet, "no restore drill has run yet");
        }
        return Boolean.TRUE.equals(status.lastVerification.succeeded)
                ? Conditions.of(VERIFIED, true, BackupReason.DrillPassed, status.lastVerification.message)
                : Conditions.of(VERIFIED, false, BackupReason.DrillFailed, status.lastVerification.message);
    }

    /** When the backup CronJob fires next, in the policy's time zone; none while suspended. */
    static String nextSchedule(BackupPolicy policy, Instant now) {
        if (Boolean.TRUE.equals(policy.getSpec().suspend)) {
            return null;
        }
        return CronSchedules.next(CronSchedules.parse(policy.getSpec().schedule),
                now.atZone(CronSchedules.zone(timezone(policy)))).map(t -> t.toInstant().toString()).orElse(null);
    }

    private static String timezone(BackupPolicy policy) {
        return policy.getSpec().timezone == null ? "UTC" : policy.getSpec().timezone;
    }
}
