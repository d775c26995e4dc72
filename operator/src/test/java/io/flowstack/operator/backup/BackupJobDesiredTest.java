package io.flowstack.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowstack.contract.BackupEnvironment;
import io.flowstack.contract.RuntimeEnvironment;
import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.backup.desired.BackupJobDesired;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.testing.RestrictedPodSecurity;
import java.nio.file.Files;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The CronJobs and Jobs of a policy, field by field, from the examples' policies. */
class BackupJobDesiredTest {
    private final Tenant acme = Examples.tenant("acme.yaml");
    private final OperatorSettings settings = OperatorSettings.defaults();

    static BackupPolicy policy(String file) throws Exception {
        return Serialization.unmarshal(Files.readString(Examples.root().resolve(file)), BackupPolicy.class);
    }

    private static Map<String, EnvVar> env(Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
    }

    @Test
    void theBackupCronJobFollowsThePolicy() throws Exception {
        BackupPolicy policy = policy("acme/backuppolicy-s3.yaml");
        CronJob cron = BackupJobDesired.backupCronJob(policy, acme, settings);
        assertThat(cron.getMetadata().getName()).isEqualTo("nightly-backup");
        assertThat(cron.getMetadata().getNamespace()).isEqualTo("tenant-acme");
        assertThat(cron.getSpec().getSchedule()).isEqualTo("15 2 * * *");
        assertThat(cron.getSpec().getTimeZone()).isEqualTo("Europe/Berlin");
        assertThat(cron.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(cron.getSpec().getSuspend()).isFalse();
        assertThat(cron.getSpec().getSuccessfulJobsHistoryLimit()).isEqualTo(3);
        assertThat(cron.getSpec().getFailedJobsHistoryLimit()).isEqualTo(3);
        assertThat(cron.getSpec().getJobTemplate().getSpec().getBackoffLimit()).isZero();
        PodSpec pod = cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        assertThat(RestrictedPodSecurity.violations(pod)).isEmpty();
        assertThat(pod.getServiceAccountName()).isEqualTo("flowstack-runtime");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        Container backup = pod.getContainers().get(0);
        assertThat(backup.getImage()).isEqualTo(settings.runtimeImageOf(acme));
        assertThat(backup.getArgs()).containsExactly("backup");
        assertThat(backup.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
        Map<String, EnvVar> env = env(backup);
        assertThat(env.get(BackupEnvironment.S3_BUCKET).getValue()).isEqualTo("acme-flowstack-backups");
        assertThat(env.get(BackupEnvironment.PREFIX).getValue()).isEqualTo("tenants/acme/");
        assertThat(env.get(BackupEnvironment.KEEP_WEEKLY).getValue()).isEqualTo("4");
        assertThat(env.get(BackupEnvironment.TIMEZONE).getValue()).isEqualTo("Europe/Berlin");
        assertThat(env.get(BackupEnvironment.ENCRYPTION).getValue()).isEqualTo("true");
        for (String secret : new String[] {RuntimeEnvironment.DB_PASSWORD, BackupEnvironment.KEY,
                BackupEnvironment.S3_ACCESS_KEY_ID, BackupEnvironment.S3_SECRET_ACCESS_KEY}) {
            assertThat(env.get(secret).getValue()).as("%s is no value in the spec", secret).isNull();
            assertThat(env.get(secret).getValueFrom().getSecretKeyRef()).as(secret).isNotNull();
        }
        assertThat(env.get(BackupEnvironment.KEY).getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("flowstack-keys");
        assertThat(pod.getVolumes()).extracting(v -> v.getName()).containsExactly("tmp");

        policy.getSpec().target.s3.prefix = null;
        assertThat(env(BackupJobDesired.backupCronJob(policy, acme, settings).getSpec().getJobTemplate().getSpec()
                .getTemplate().getSpec().getContainers().get(0)).get(BackupEnvironment.PREFIX).getValue())
                .as("the tenant's name when no prefix is set").isEqualTo("acme/");
    }

    @Test
    void theDrillRunsWithAScratchDatabaseBesideIt() throws Exception {
        BackupPolicy policy = policy("acme/backuppolicy-s3.yaml");
        CronJob cron = BackupJobDesired.verifyCronJob(policy, acme, settings);
        assertThat(cron.getSpec().getSchedule()).isEqualTo("0 4 * * SUN");
        PodSpec pod = cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        assertThat(RestrictedPodSecurity.violations(pod)).isEmpty();
        assertThat(pod.getContainers().get(0).getArgs()).containsExactly("verify");
        Container scratch = pod.getInitContainers().get(0);
        assertThat(scratch.getRestartPolicy()).as("a native sidecar: it stops with the drill").isEqualTo("Always");
        assertThat(scratch.getArgs()).contains("listen_addresses=127.0.0.1");
        assertThat(env(pod.getContainers().get(0)).get(BackupEnvironment.SCRATCH_HOST).getValue())
                .isEqualTo("127.0.0.1");
        assertThat(pod.getVolumes()).extracting(v -> v.getName()).contains("scratch-data");
    }

    @Test
    void aVolumeTargetIsMountedAndSuspendAndEncryptionFollowThePolicy() throws Exception {
        BackupPolicy policy = policy("globex/backuppolicy-pvc.yaml");
        policy.getSpec().suspend = true;
        policy.getSpec().encryption = new io.flowstack.crds.v1alpha1.backup.Encryption();
        policy.getSpec().encryption.enabled = false;
        Tenant globex = Examples.tenant("globex.yaml");
        CronJob cron = BackupJobDesired.backupCronJob(policy, globex, settings);
        assertThat(cron.getSpec().getSuspend()).isTrue();
        assertThat(cron.getSpec().getTimeZone()).isEqualTo("UTC");
        PodSpec pod = cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).filteredOn(v -> v.getPersistentVolumeClaim() != null)
                .singleElement().satisfies(v -> assertThat(v.getPersistentVolumeClaim().getClaimName())
                        .isEqualTo("globex-backups"));
        Map<String, EnvVar> env = env(pod.getContainers().get(0));
        assertThat(env.get(BackupEnvironment.DIRECTORY).getValue()).isEqualTo(pod.getContainers().get(0)
                .getVolumeMounts().stream().filter(m -> m.getName().equals("target")).findFirst().orElseThrow()
                .getMountPath());
        assertThat(env.get(BackupEnvironment.ENCRYPTION).getValue()).isEqualTo("false");
        assertThat(env).doesNotContainKey(BackupEnvironment.KEY);
    }

    @Test
    void anOnDemandJobIsNamedAfterItsRequest() throws Exception {
        BackupPolicy policy = policy("acme/backuppolicy-s3.yaml");
        var first = BackupJobDesired.onDemandJob(policy, acme, settings, "2026-12-02T10:00");
        assertThat(first.getMetadata().getName()).startsWith("nightly-now-").hasSize("nightly-now-".length() + 8);
        assertThat(BackupJobDesired.onDemandJob(policy, acme, settings, "2026-12-02T10:00").getMetadata().getName())
                .isEqualTo(first.getMetadata().getName());
        assertThat(BackupJobDesired.onDemandJob(policy, acme, settings, "again").getMetadata().getName())
                .isNotEqualTo(first.getMetadata().getName());
        assertThat(first.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).containsExactly("backup");
    }
}
