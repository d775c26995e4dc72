package io.flowstack.operator.backup;

import io.flowstack.operator.common.Reason;

/** The reasons of a BackupPolicy's conditions (Ready, BackupSucceeded, Verified). */
public enum BackupReason implements Reason {
    /** The CronJobs are in place and the last backup, if any, succeeded. */
    Scheduled(false),
    /** Scheduled backups and drills are paused (spec.suspend). */
    Suspended(false),
    /** The policy's namespace belongs to no Tenant. */
    NotInTenantNamespace(true),
    InvalidSpec(true),
    /** A Secret the policy needs (the tenant's, the S3 credentials, the encryption key) does not exist. */
    SecretMissing(true),
    /** A Secret exists but lacks a key. */
    SecretKeyMissing(true),
    /** The PersistentVolumeClaim of the target does not exist. */
    TargetMissing(true),
    BackupSucceeded(false),
    BackupFailed(true),
    NoBackupYet(false),
    DrillPassed(false),
    DrillFailed(true),
    NoDrillYet(false),
    /** No restore drills are configured (spec.verify). */
    NotConfigured(false);

    private final boolean problem;

    BackupReason(boolean problem) {
        this.problem = problem;
    }

    @Override
    public boolean problem() {
        return problem;
    }
}
