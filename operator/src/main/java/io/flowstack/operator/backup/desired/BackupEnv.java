package io.flowstack.operator.backup.desired;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.flowstack.contract.BackupEnvironment;
import io.flowstack.contract.SecretKeys;
import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.flowstack.crds.v1alpha1.backup.BackupPolicySpec;
import io.flowstack.crds.v1alpha1.backup.S3Target;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.StackNames;
import java.util.ArrayList;
import java.util.List;

/** The backup program's environment for a policy (the contract's names); secrets only by reference. */
final class BackupEnv {
    private BackupEnv() {
    }

    static List<EnvVar> of(BackupPolicy policy, Tenant tenant, boolean drill) {
        BackupPolicySpec spec = policy.getSpec();
        List<EnvVar> env = new ArrayList<>(BackupJobDesired.database());
        env.add(BackupJobDesired.value(BackupEnvironment.POLICY, policy.getMetadata().getName()));
        env.add(BackupJobDesired.value(BackupEnvironment.TIMEZONE, spec.timezone == null ? "UTC" : spec.timezone));
        env.addAll(BackupJobDesired.retention(spec.retention));
        env.addAll(target(spec, tenant));
        env.addAll(encryption(spec));
        if (drill) {
            env.add(BackupJobDesired.value(BackupEnvironment.SCRATCH_HOST, "127.0.0.1"));
            env.add(BackupJobDesired.value(BackupEnvironment.SCRATCH_PORT, Integer.toString(ScratchDatabase.PORT)));
            env.add(BackupJobDesired.value(BackupEnvironment.SCRATCH_USER, "postgres"));
            env.add(BackupJobDesired.value(BackupEnvironment.SCRATCH_DATABASE, "postgres"));
        }
        return env;
    }

    private static List<EnvVar> target(BackupPolicySpec spec, Tenant tenant) {
        List<EnvVar> env = new ArrayList<>();
        if (spec.target.pvc != null) {
            env.add(BackupJobDesired.value(BackupEnvironment.DIRECTORY, BackupJobDesired.BACKUP_DIR));
            return env;
        }
        S3Target s3 = spec.target.s3;
        // the API's promise: the tenant's name when no prefix is set
        env.add(BackupJobDesired.value(BackupEnvironment.PREFIX, s3.prefix == null ? tenant.getMetadata().getName()
                + "/" : s3.prefix));
        if (s3.endpoint != null) {
            env.add(BackupJobDesired.value(BackupEnvironment.S3_ENDPOINT, s3.endpoint));
        }
        env.add(BackupJobDesired.value(BackupEnvironment.S3_BUCKET, s3.bucket));
        env.add(BackupJobDesired.value(BackupEnvironment.S3_REGION, s3.region == null ? "us-east-1" : s3.region));
        env.add(BackupJobDesired.value(BackupEnvironment.S3_PATH_STYLE, Boolean.toString(Boolean.TRUE.equals(
                s3.pathStyle))));
        S3Target.S3Credentials credentials = s3.credentialsSecretRef;
        env.add(BackupJobDesired.fromSecret(BackupEnvironment.S3_ACCESS_KEY_ID, credentials.name,
                credentials.accessKeyIdKey == null ? "AWS_ACCESS_KEY_ID" : credentials.accessKeyIdKey));
        env.add(BackupJobDesired.fromSecret(BackupEnvironment.S3_SECRET_ACCESS_KEY, credentials.name,
                credentials.secretAccessKeyKey == null ? "AWS_SECRET_ACCESS_KEY" : credentials.secretAccessKeyKey));
        return env;
    }

    private static List<EnvVar> encryption(BackupPolicySpec spec) {
        boolean enabled = spec.encryption == null || !Boolean.FALSE.equals(spec.encryption.enabled);
        List<EnvVar> env = new ArrayList<>();
        env.add(BackupJobDesired.value(BackupEnvironment.ENCRYPTION, Boolean.toString(enabled)));
        if (enabled) {
            if (spec.encryption != null && spec.encryption.keySecretRef != null) {
                env.add(BackupJobDesired.fromSecret(BackupEnvironment.KEY, spec.encryption.keySecretRef.name,
                        spec.encryption.keySecretRef.key));
            } else {
                env.add(BackupJobDesired.fromSecret(BackupEnvironment.KEY, StackNames.KEYS_SECRET,
                        SecretKeys.ENCRYPTION_KEY));
            }
        }
        return env;
    }
}
