package io.flowstack.operator.backup.desired;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.flowstack.contract.BackupEnvironment;
import io.flowstack.contract.RuntimeEnvironment;
import io.flowstack.contract.SecretKeys;
import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.flowstack.crds.v1alpha1.backup.BackupPolicySpec;
import io.flowstack.crds.v1alpha1.backup.Retention;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.common.PodSecurity;
import io.flowstack.operator.common.StackNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Jobs of a BackupPolicy: a CronJob for backups, one for restore drills when {@code verify} is set, and a Job for an
 * on-demand backup. They run the runtime image's backup program with the contract's environment; the database
 * credentials and keys come from Secrets (valueFrom), never as values in the spec. Drills restore into a scratch
 * PostgreSQL: a sidecar of the drill's pod, on loopback, with its data in an emptyDir.
 */
public final class BackupJobDesired {
    public static final String POLICY_LABEL = "flowstack.io/backup-policy";
    public static final String KIND_LABEL = "flowstack.io/backup-kind";
    public static final String BACKUP = "backup";
    public static final String VERIFY = "verify";
    public static final String CONTAINER = "backup";
    static final long RUNTIME_UID = 10001;
    static final long POSTGRES_UID = 999;
    static final String BACKUP_DIR = "/var/lib/flowstack/backups";
    /** A Job gets this long before Kubernetes stops it. */
    static final long DEADLINE_SECONDS = 6 * 3600;

    private BackupJobDesired() {
    }

    public static String backupCronJobName(BackupPolicy policy) {
        return policy.getMetadata().getName() + "-backup";
    }

    public static String verifyCronJobName(BackupPolicy policy) {
        return policy.getMetadata().getName() + "-verify";
    }

    /** The on-demand Job for a value of the backup-now annotation: one per value. */
    public static String onDemandJobName(BackupPolicy policy, String request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(request.getBytes(StandardCharsets.UTF_8));
            return policy.getMetadata().getName() + "-now-" + HexFormat.of().formatHex(digest).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static CronJob backupCronJob(BackupPolicy policy, Tenant tenant, OperatorSettings settings) {
        return cronJob(policy, tenant, backupCronJobName(policy), BACKUP, policy.getSpec().schedule,
                jobSpec(policy, tenant, settings, BACKUP));
    }

    public static CronJob verifyCronJob(BackupPolicy policy, Tenant tenant, OperatorSettings settings) {
        return cronJob(policy, tenant, verifyCronJobName(policy), VERIFY, policy.getSpec().verify.schedule,
                jobSpec(policy, tenant, settings, VERIFY));
    }

    public static Job onDemandJob(BackupPolicy policy, Tenant tenant, OperatorSettings settings, String request) {
        return new JobBuilder().withMetadata(meta(policy, tenant, onDemandJobName(policy, request), BACKUP))
                .withSpec(jobSpec(policy, tenant, settings, BACKUP)).build();
    }

    private static CronJob cronJob(BackupPolicy policy, Tenant tenant, String name, String kind, String schedule,
                                   JobSpec job) {
        BackupPolicySpec spec = policy.getSpec();
        return new CronJobBuilder()
                .withMetadata(meta(policy, tenant, name, kind))
                .withNewSpec()
                .withSchedule(schedule)
                .withTimeZone(spec.timezone == null ? "UTC" : spec.timezone)
                .withConcurrencyPolicy("Forbid")
                .withSuspend(Boolean.TRUE.equals(spec.suspend))
                .withStartingDeadlineSeconds(3600L)
                .withSuccessfulJobsHistoryLimit(3)
                .withFailedJobsHistoryLimit(3)
                .withNewJobTemplate().withMetadata(new ObjectMetaBuilder().withLabels(labels(policy, tenant, kind))
                        .build()).withSpec(job).endJobTemplate()
                .endSpec()
                .build();
    }

    private static ObjectMeta meta(BackupPolicy policy, Tenant tenant, String name, String kind) {
        return new ObjectMetaBuilder().withName(name).withNamespace(policy.getMetadata().getNamespace())
                .withLabels(labels(policy, tenant, kind)).build();
    }

    /** The standard labels of a tenant's backup objects, the policy and what kind of job. */
    public static Map<String, String> labels(BackupPolicy policy, Tenant tenant, String kind) {
        Map<String, String> labels = new LinkedHashMap<>(Labels.of(tenant, BACKUP));
        labels.put(POLICY_LABEL, policy.getMetadata().getName());
        labels.put(KIND_LABEL, kind);
        return labels;
    }

    private static JobSpec jobSpec(BackupPolicy policy, Tenant tenant, OperatorSettings settings, String kind) {
        PodTemplateSpec pod = new PodTemplateSpecBuilder()
                .withMetadata(new ObjectMetaBuilder().withLabels(labels(policy, tenant, kind)).build())
                .withSpec(podSpec(policy, tenant, settings, kind))
                .build();
        // a failed backup is reported, not retried in a loop: the next schedule (or a new backup-now) tries again
        return new JobSpecBuilder().withBackoffLimit(0).withActiveDeadlineSeconds(DEADLINE_SECONDS)
                .withTemplate(pod).build();
    }

    private static PodSpec podSpec(BackupPolicy policy, Tenant tenant, OperatorSettings settings, String kind) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
        if (policy.getSpec().target.pvc != null) {
            volumes.add(new VolumeBuilder().withName("target").withNewPersistentVolumeClaim()
                    .withClaimName(policy.getSpec().target.pvc.claimName).endPersistentVolumeClaim().build());
            mounts.add(new VolumeMountBuilder().withName("target").withMountPath(BACKUP_DIR)
                    .withSubPath(policy.getSpec().target.pvc.subPath).build());
        }
        PodSpecBuilder pod = new PodSpecBuilder()
                .withRestartPolicy("Never")
                .withServiceAccountName(StackNames.RUNTIME_SERVICE_ACCOUNT)
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withSecurityContext(PodSecurity.pod(RUNTIME_UID))
                .withContainers(new ContainerBuilder()
                        .withName(CONTAINER)
                        .withImage(settings.runtimeImageOf(tenant))
                        .withArgs(kind)
                        .withEnv(BackupEnv.of(policy, tenant, kind.equals(VERIFY)))
                        .withTerminationMessagePath(BackupEnvironment.DEFAULT_TERMINATION_LOG)
                        .withTerminationMessagePolicy("File")
                        .withSecurityContext(PodSecurity.container())
                        .withVolumeMounts(mounts)
                        .build())
                .withVolumes(volumes);
        if (kind.equals(VERIFY)) {
            pod.withInitContainers(ScratchDatabase.sidecar(settings));
            pod.addAllToVolumes(ScratchDatabase.volumes());
        }
        return pod.build();
    }

    /** An environment variable read from a Secret key of the policy's namespace. */
    static EnvVar fromSecret(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef().withName(secret)
                .withKey(key).endSecretKeyRef().endValueFrom().build();
    }

    static EnvVar value(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    /** The retention rules as the backup program's variables (absent rules keep nothing). */
    static List<EnvVar> retention(Retention retention) {
        List<EnvVar> env = new ArrayList<>();
        env.add(value(BackupEnvironment.KEEP_LAST, count(retention.keepLast)));
        env.add(value(BackupEnvironment.KEEP_DAILY, count(retention.keepDaily)));
        env.add(value(BackupEnvironment.KEEP_WEEKLY, count(retention.keepWeekly)));
        env.add(value(BackupEnvironment.KEEP_MONTHLY, count(retention.keepMonthly)));
        return env;
    }

    private static String count(Integer value) {
        return Integer.toString(value == null ? 0 : value);
    }

    /** The database connection of the tenant's runtime, from its database Secret. */
    static List<EnvVar> database() {
        List<EnvVar> env = new ArrayList<>();
        for (String key : SecretKeys.DATABASE_KEYS) {
            env.add(fromSecret(RuntimeEnvironment.forDatabaseKey(key), StackNames.DATABASE_SECRET, key));
        }
        return env;
    }

}
