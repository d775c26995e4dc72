package io.flowstack.contract;

import java.util.List;

/**
 * The environment of a backup Job's container (the runtime image's {@code backup}, {@code verify}, {@code restore}
 * and {@code list} commands), set by the operator's backup controller. The database comes in the runtime's variables
 * ({@link RuntimeEnvironment#DB_HOST} and the others); credentials and keys come from Secrets (valueFrom), never as
 * values in the Job's spec.
 */
public final class BackupEnvironment {
    /** The BackupPolicy's name: the folder of its backups under the prefix. */
    public static final String POLICY = "FLOWSTACK_BACKUP_POLICY";
    /** Key prefix (S3) or sub-directory (volume) of the backups. */
    public static final String PREFIX = "FLOWSTACK_BACKUP_PREFIX";
    /** Mount path of the PVC target; set instead of the S3 variables. */
    public static final String DIRECTORY = "FLOWSTACK_BACKUP_DIR";
    public static final String S3_ENDPOINT = "FLOWSTACK_BACKUP_S3_ENDPOINT";
    public static final String S3_BUCKET = "FLOWSTACK_BACKUP_S3_BUCKET";
    public static final String S3_REGION = "FLOWSTACK_BACKUP_S3_REGION";
    public static final String S3_PATH_STYLE = "FLOWSTACK_BACKUP_S3_PATH_STYLE";
    /** The S3 access key, from the policy's credentials Secret. */
    public static final String S3_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String S3_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    /** "false" to store backups unencrypted; anything else encrypts. */
    public static final String ENCRYPTION = "FLOWSTACK_BACKUP_ENCRYPTION";
    /** The 32-byte backup key (base64, or 32 raw bytes), from the tenant's keys Secret or the policy's own. */
    public static final String KEY = "FLOWSTACK_BACKUP_KEY";
    public static final String KEEP_LAST = "FLOWSTACK_BACKUP_KEEP_LAST";
    public static final String KEEP_DAILY = "FLOWSTACK_BACKUP_KEEP_DAILY";
    public static final String KEEP_WEEKLY = "FLOWSTACK_BACKUP_KEEP_WEEKLY";
    public static final String KEEP_MONTHLY = "FLOWSTACK_BACKUP_KEEP_MONTHLY";
    /** IANA zone the daily, weekly and monthly retention buckets are counted in. */
    public static final String TIMEZONE = "FLOWSTACK_BACKUP_TIMEZONE";
    /** The scratch PostgreSQL a restore drill restores into (the drill pod's sidecar). */
    public static final String SCRATCH_HOST = "FLOWSTACK_SCRATCH_DB_HOST";
    public static final String SCRATCH_PORT = "FLOWSTACK_SCRATCH_DB_PORT";
    public static final String SCRATCH_DATABASE = "FLOWSTACK_SCRATCH_DB_DATABASE";
    public static final String SCRATCH_USER = "FLOWSTACK_SCRATCH_DB_USER";
    public static final String SCRATCH_PASSWORD = "FLOWSTACK_SCRATCH_DB_PASSWORD";
    /** Directory of pg_dump and pg_restore when they are not on the PATH. */
    public static final String PG_BIN = "FLOWSTACK_PG_BIN";
    /** Where the command writes its result (default {@value #DEFAULT_TERMINATION_LOG}). */
    public static final String TERMINATION_LOG = "FLOWSTACK_TERMINATION_LOG";
    public static final String DEFAULT_TERMINATION_LOG = "/dev/termination-log";

    private BackupEnvironment() {
    }

    public static List<String> all() {
        return List.of(POLICY, PREFIX, DIRECTORY, S3_ENDPOINT, S3_BUCKET, S3_REGION, S3_PATH_STYLE, S3_ACCESS_KEY_ID,
                S3_SECRET_ACCESS_KEY, ENCRYPTION, KEY, KEEP_LAST, KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY, TIMEZONE,
                SCRATCH_HOST, SCRATCH_PORT, SCRATCH_DATABASE, SCRATCH_USER, SCRATCH_PASSWORD, PG_BIN,
                TERMINATION_LOG);
    }
}
