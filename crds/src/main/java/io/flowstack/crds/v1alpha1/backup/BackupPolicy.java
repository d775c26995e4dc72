package io.flowstack.crds.v1alpha1.backup;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** Scheduled, verified backups of the database of the tenant whose namespace the policy lives in. */
@com.fasterxml.jackson.annotation.JsonClassDescription("Scheduled, encrypted backups of the tenant's database to S3-compatible storage or a volume, with retention and scheduled restore drills that prove the backups restore. Lives in a tenant's namespace.")
@Group("flowstack.io")
@Version("v1alpha1")
@Kind("BackupPolicy")
@Plural("backuppolicies")
@Singular("backuppolicy")
@ShortNames("fsbp")
@Categories("flowstack")
@AdditionalPrinterColumn(name = "Schedule", jsonPath = ".spec.schedule", getDescription = "When backups run")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        getDescription = "Whether backups run and the last one succeeded")
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
        getDescription = "Why the policy is or is not ready")
@AdditionalPrinterColumn(name = "LastBackup", jsonPath = ".status.lastSuccessfulBackup.time", type = AdditionalPrinterColumn.Type.DATE,
        getDescription = "Time since the last successful backup")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE, getDescription = "Time since creation")
public class BackupPolicy extends CustomResource<BackupPolicySpec, BackupPolicyStatus> implements Namespaced {
    /** Set this annotation to a new value to request a backup now. */
    public static final String BACKUP_NOW_ANNOTATION = "flowstack.io/backup-now";
    @Override
    @JsonPropertyDescription("When to back up, where to, how long to keep backups and how to verify them.")
    public BackupPolicySpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Backups taken, retained and verified; written only by the operator.")
    public BackupPolicyStatus getStatus() {
        return super.getStatus();
    }
}
