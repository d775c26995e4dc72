package io.flowstack.crds.v1alpha1.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BackupPolicySpec {
    @Required
    @Size(min = 1, max = 128)
    @JsonPropertyDescription("Five-field cron expression of the backups, read in timezone, e.g. '30 2 * * *'. "
            + "Annotate the policy with flowstack.io/backup-now=<new value> for an extra backup now.")
    public String schedule;

    @Default("UTC")
    @Size(min = 1, max = 64)
    @JsonPropertyDescription("IANA time zone of schedule and verify.schedule.")
    public String timezone;

    @Default("false")
    @JsonPropertyDescription("Pauses scheduled backups and drills; on-demand backups still run.")
    public Boolean suspend;

    @Required
    @JsonPropertyDescription("How many backups to keep.")
    public Retention retention;

    @Required
    @JsonPropertyDescription("Where backups are stored: exactly one of s3 or pvc.")
    public BackupTarget target;

    @JsonPropertyDescription("Encryption of the backup files; on with the tenant's encryption key unless disabled.")
    public Encryption encryption;

    @JsonPropertyDescription("Restore drills: the newest backup is restored into a scratch database and compared with "
            + "the manifest written at backup time.")
    public Verify verify;
}
