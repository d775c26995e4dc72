package io.flowstack.crds.v1alpha1.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowstack.crds.v1alpha1.common.FlowstackStatus;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BackupPolicyStatus extends FlowstackStatus {
    @JsonPropertyDescription("The most recent backup, successful or not.")
    public BackupRecord lastBackup;

    @JsonPropertyDescription("The most recent successful backup.")
    public BackupRecord lastSuccessfulBackup;

    @JsonPropertyDescription("The most recent restore drill.")
    public Verification lastVerification;

    @JsonPropertyDescription("Backups currently retained, newest first.")
    public List<RetainedBackup> backups;

    @JsonPropertyDescription("When the next scheduled backup runs (RFC 3339).")
    public String nextScheduleTime;

    @JsonPropertyDescription("The last value of the flowstack.io/backup-now annotation that was acted upon.")
    public String lastBackupNowRequest;

    /** One backup run. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class BackupRecord {
        @JsonPropertyDescription("When the backup finished (RFC 3339).")
        public String time;

        @JsonPropertyDescription("Object key (or file path) of the backup.")
        public String key;

        @JsonPropertyDescription("Size in bytes.")
        public Long size;

        @JsonPropertyDescription("SHA-256 of the stored file, hex.")
        public String sha256;

        @JsonPropertyDescription("How long the backup took, in seconds.")
        public Double durationSeconds;

        @JsonPropertyDescription("Whether the backup succeeded.")
        public Boolean succeeded;

        @JsonPropertyDescription("Why the backup failed.")
        public String message;
    }

    /** One restore drill. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Verification {
        @JsonPropertyDescription("When the drill finished (RFC 3339).")
        public String time;

        @JsonPropertyDescription("Key of the backup that was restored.")
        public String backupKey;

        @JsonPropertyDescription("Whether the restored tables matched the manifest's row counts and checksums.")
        public Boolean succeeded;

        @JsonPropertyDescription("What did not match, or why the drill failed.")
        public String message;
    }

    /** A retained backup. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class RetainedBackup {
        @JsonPropertyDescription("Object key (or file path).")
        public String key;

        @JsonPropertyDescription("When it was taken (RFC 3339).")
        public String time;

        @JsonPropertyDescription("Size in bytes.")
        public Long size;
    }
}
