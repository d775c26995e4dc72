package io.flowstack.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.flowstack.contract.api.BackupReport;
import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.backup.desired.BackupJobDesired;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.testing.Edits;
import io.flowstack.operator.testing.Eventually;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.testing.StackTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * BackupPolicies reconciled by the operator as shipped (mock server and the server-side-apply double): CronJobs made
 * as the policy says, finished Jobs' reports read into status, events and metrics, on-demand Jobs, and nothing made
 * for a policy that cannot work.
 */
class BackupReconcileTest extends StackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String NS = "tenant-acme";
    private static final ObjectMapper JSON = new ObjectMapper();

    private void tenantReady() {
        client.resource(Examples.tenant("acme.yaml")).create();
        Eventually.within(TIMEOUT, () -> assertThat(Conditions.isTrue(client.resources(Tenant.class).withName("acme")
                .get().getStatus().conditions, "Ready")).isTrue());
    }

    private void s3Secret() {
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("backup-s3")
                .endMetadata().addToStringData("AWS_ACCESS_KEY_ID", "id").addToStringData("AWS_SECRET_ACCESS_KEY", "s")
                .build()).create();
        // the mock keeps stringData as it is; the API server would have moved it to data
        Edits.edit(client.secrets().inNamespace(NS).withName("backup-s3"), s -> {
            s.setData(Map.of("AWS_ACCESS_KEY_ID", "aWQ=", "AWS_SECRET_ACCESS_KEY", "cw=="));
            s.setStringData(null);
            return s;
        });
    }

    private BackupPolicy policy() {
        return client.resources(BackupPolicy.class).inNamespace(NS).withName("nightly").get();
    }

    private Condition condition(String type) {
        return Conditions.find(policy().getStatus().conditions, type).orElseThrow();
    }

    private void applyPolicy() throws Exception {
        client.resource(BackupJobDesiredTest.policy("acme/backuppolicy-s3.yaml")).create();
    }

    @Test
    void aPolicyGetsItsCronJobsAndAnUnchangedPolicyCostsNoWrite() throws Exception {
        tenantReady();
        s3Secret();
        applyPolicy();
        Eventually.within(TIMEOUT, () -> {
            assertThat(condition("Ready").reason).isEqualTo("Scheduled");
            assertThat(policy().getStatus().nextScheduleTime).isNotNull();
        });
        List<CronJob> crons = client.batch().v1().cronjobs().inNamespace(NS).list().getItems();
        assertThat(crons).extracting(c -> c.getMetadata().getName()).containsExactlyInAnyOrder("nightly-backup",
                "nightly-verify");
        assertThat(crons).allSatisfy(c -> assertThat(c.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getName()).isEqualTo("nightly")));
        assertThat(condition("BackupSucceeded").reason).isEqualTo("NoBackupYet");
        assertThat(condition("Verified").reason).isEqualTo("NoDrillYet");

        awaitQuiet();   // a reconcile already under way would count as this one's
        long before = cluster.writes();
        stack.operator().awaitReconciled(TIMEOUT, () -> Edits.edit(client.resources(BackupPolicy.class).inNamespace(NS)
                .withName("nightly"), p -> {
                    p.getMetadata().setLabels(Map.of("touched", "yes"));
                    return p;
                }), BackupPolicy.class, NS, List.of("nightly"));
        assertThat(cluster.writes() - before).as("writes besides the touch: %s",
                cluster.dispatcher().writesByResource()).isEqualTo(1);

        Edits.edit(client.resources(BackupPolicy.class).inNamespace(NS).withName("nightly"), p -> {
            p.getSpec().verify = null;
            return p;
        });
        Eventually.within(TIMEOUT, () -> assertThat(client.batch().v1().cronjobs().inNamespace(NS).list().getItems())
                .extracting(c -> c.getMetadata().getName()).containsExactly("nightly-backup"));
    }

    /** A Job of the policy that ended, with its pod's termination message (as the kubelet records it). */
    private void finishedJob(String name, String kind, boolean succeeded, BackupReport report) throws Exception {
        BackupPolicy policy = policy();
        Job job = client.batch().v1().jobs().resource(new JobBuilder().withNewMetadata().withName(name).withNamespace(NS)
                .withLabels(BackupJobDesired.labels(policy, Examples.tenant("acme.yaml"), kind)).endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("backup").withImage("x")
                .endContainer().withRestartPolicy("Never").endSpec().endTemplate().endSpec().build()).create();
        String time = report == null ? "2026-12-02T02:20:00Z" : report.time();
        Edits.edit(client.batch().v1().jobs().inNamespace(NS).withName(name), j -> {
            j.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder()
                    .withSucceeded(succeeded ? 1 : 0).withFailed(succeeded ? 0 : 1)
                    .addNewCondition().withType(succeeded ? "Complete" : "Failed").withStatus("True")
                    .withReason(succeeded ? null : "BackoffLimitExceeded").withLastTransitionTime(time).endCondition()
                    .build());
            return j;
        });
        Pod pod = new PodBuilder().withNewMetadata().withName(name + "-pod").withNamespace(NS)
                .withLabels(BackupJobDesired.labels(policy, Examples.tenant("acme.yaml"), kind))
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
                        .withName(name).withUid(job.getMetadata().getUid()).build()).endMetadata()
                .withNewSpec().addNewContainer().withName("backup").withImage("x").endContainer().endSpec()
                .withNewStatus().addNewContainerStatus().withName("backup").withNewState().withNewTerminated()
                .withExitCode(succeeded ? 0 : 1).withMessage(report == null ? null : JSON.writeValueAsString(report))
                .endTerminated().endState().endContainerStatus().endStatus().build();
        client.pods().resource(pod).create();
    }

    @Test
    void finishedJobsBecomeStatusEventsAndMetrics() throws Exception {
        tenantReady();
        s3Secret();
        applyPolicy();
        Eventually.within(TIMEOUT, () -> assertThat(condition("Ready").reason).isEqualTo("Scheduled"));

        BackupReport good = new BackupReport("backup", true, "3 tables, 9000 rows, encrypted", "tenants/acme/nightly/"
                + "20261202T011500Z-ab12.dump", "2026-12-02T01:16:00Z", 4096L, "a".repeat(64), 42.0,
                List.of(new BackupReport.Retained("tenants/acme/nightly/20261202T011500Z-ab12.dump",
                        "2026-12-02T01:15:00Z", 4096)), 1);
        finishedJob("nightly-backup-1", BackupJobDesired.BACKUP, true, good);
        Eventually.within(TIMEOUT, () -> {
            var status = policy().getStatus();
            assertThat(status.lastSuccessfulBackup.key).isEqualTo(good.key());
            assertThat(status.lastBackup.sha256).isEqualTo(good.sha256());
            assertThat(status.backups).extracting(b -> b.key).containsExactly(good.key());
            assertThat(condition("BackupSucceeded").status.name()).isEqualTo("True");
        });
        Eventually.within(TIMEOUT, () -> assertThat(stack.operator().registry()
                .find(BackupMetrics.LAST_SUCCESS).tags("tenant", "acme", "policy", "nightly").gauge().value())
                .isEqualTo(java.time.Instant.parse("2026-12-02T01:16:00Z").getEpochSecond()));

        BackupReport bad = new BackupReport("backup", false, "cannot start uploading x in bucket b: the credentials"
                + " were refused (InvalidAccessKeyId)", null, "2026-12-03T01:16:00Z", null, null, 1.0, null, null);
        finishedJob("nightly-backup-2", BackupJobDesired.BACKUP, false, bad);
        Eventually.within(TIMEOUT, () -> {
            assertThat(condition("BackupSucceeded").reason).isEqualTo("BackupFailed");
            assertThat(condition("BackupSucceeded").message).isEqualTo(bad.message());
            assertThat(condition("Ready").reason).isEqualTo("BackupFailed");
            assertThat(policy().getStatus().lastSuccessfulBackup.key).as("the last good one stays").isEqualTo(good.key());
        });
        Eventually.within(TIMEOUT, () -> assertThat(client.v1().events().inNamespace(NS).list().getItems())
                .filteredOn(e -> "BackupFailed".equals(e.getReason())).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).isEqualTo(bad.message())));

        finishedJob("nightly-verify-1", BackupJobDesired.VERIFY, false, null);
        Eventually.within(TIMEOUT, () -> {
            assertThat(condition("Verified").reason).isEqualTo("DrillFailed");
            assertThat(condition("Verified").message).contains("the verify Job failed without a report")
                    .contains("BackoffLimitExceeded");
        });
        Eventually.within(TIMEOUT, () -> assertThat(stack.operator().registry()
                .find(BackupMetrics.VERIFICATION).tags("policy", "nightly").gauge().value()).isZero());

        // a deleted policy's rows go once another policy is reconciled (the alerts must not fire for it forever)
        client.resources(BackupPolicy.class).inNamespace(NS).withName("nightly").delete();
        BackupPolicy weekly = BackupJobDesiredTest.policy("acme/backuppolicy-s3.yaml");
        weekly.getMetadata().setName("weekly");
        client.resource(weekly).create();
        Eventually.within(TIMEOUT, () -> assertThat(client.batch().v1().cronjobs().inNamespace(NS).withName(
                "weekly-backup").get()).as("the other policy was reconciled").isNotNull());
        Eventually.within(TIMEOUT, () -> {
            assertThat(stack.operator().registry().find(BackupMetrics.LAST_SUCCESS).tags("policy", "nightly").gauge())
                    .isNull();
            assertThat(stack.operator().registry().find(BackupMetrics.VERIFICATION).tags("policy", "nightly").gauge())
                    .isNull();
        });
    }

    @Test
    void aBackupNowRequestStartsOneJob() throws Exception {
        tenantReady();
        s3Secret();
        applyPolicy();
        Eventually.within(TIMEOUT, () -> assertThat(condition("Ready").reason).isEqualTo("Scheduled"));
        for (int i = 0; i < 2; i++) {
            Edits.edit(client.resources(BackupPolicy.class).inNamespace(NS).withName("nightly"), p -> {
                p.getMetadata().setAnnotations(Map.of(BackupPolicy.BACKUP_NOW_ANNOTATION, "before-the-upgrade"));
                return p;
            });
            Eventually.within(TIMEOUT, () -> assertThat(policy().getStatus().lastBackupNowRequest)
                    .isEqualTo("before-the-upgrade"));
        }
        stack.operator().awaitReconciled(TIMEOUT, () -> Edits.edit(client.resources(BackupPolicy.class).inNamespace(NS)
                .withName("nightly"), p -> {
                    p.getMetadata().setLabels(Map.of("touched", "yes"));
                    return p;
                }), BackupPolicy.class, NS, List.of("nightly"));
        assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).singleElement().satisfies(job -> {
            assertThat(job.getMetadata().getName()).isEqualTo(BackupJobDesired.onDemandJobName(policy(),
                    "before-the-upgrade"));
            assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).containsExactly("backup");
        });
    }

    @Test
    void aPolicyThatCannotWorkSaysWhyAndCreatesNothing() throws Exception {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("elsewhere").endMetadata()
                .build()).create();
        BackupPolicy stray = BackupJobDesiredTest.policy("acme/backuppolicy-s3.yaml");
        stray.getMetadata().setNamespace("elsewhere");
        client.resource(stray).create();
        Eventually.within(TIMEOUT, () -> assertThat(Conditions.find(client.resources(BackupPolicy.class)
                .inNamespace("elsewhere").withName("nightly").get().getStatus().conditions, "Ready").orElseThrow()
                .reason).isEqualTo("NotInTenantNamespace"));

        tenantReady();
        applyPolicy();
        Eventually.within(TIMEOUT, () -> {
            assertThat(condition("Ready").reason).isEqualTo("SecretMissing");
            assertThat(condition("Ready").message).contains("spec.target.s3.credentialsSecretRef")
                    .contains("backup-s3");
        });
        assertThat(client.batch().v1().cronjobs().inAnyNamespace().list().getItems()).isEmpty();
        assertThat(client.v1().events().inNamespace(NS).list().getItems())
                .filteredOn(e -> "SecretMissing".equals(e.getReason())).hasSize(1);

        s3Secret();
        Eventually.within(Duration.ofSeconds(60), () -> assertThat(condition("Ready").reason).isEqualTo("Scheduled"));
        assertThat(client.batch().v1().cronjobs().inNamespace(NS).list().getItems()).hasSize(2);
    }
}
