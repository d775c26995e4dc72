package io.flowstack.operator.backup;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.backup.desired.BackupJobDesired;
import io.flowstack.operator.common.OperatorSettings;
import java.util.List;
import java.util.Map;

/**
 * Backups on request: a new value of the {@code flowstack.io/backup-now} annotation starts one Job (named after the
 * value, so a retried reconcile finds it instead of starting another); the value acted upon goes into status.
 */
final class OnDemandBackups {
    private OnDemandBackups() {
    }

    /** The value of the annotation acted upon now or before; null when none was ever set. */
    static String act(BackupPolicy policy, Tenant tenant, OperatorSettings settings, KubernetesClient client) {
        Map<String, String> annotations = policy.getMetadata().getAnnotations();
        String requested = annotations == null ? null : annotations.get(BackupPolicy.BACKUP_NOW_ANNOTATION);
        String done = policy.getStatus() == null ? null : policy.getStatus().lastBackupNowRequest;
        if (requested == null || requested.equals(done)) {
            return done;
        }
        Job job = BackupJobDesired.onDemandJob(policy, tenant, settings, requested);
        job.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion(policy.getApiVersion())
                .withKind(policy.getKind()).withName(policy.getMetadata().getName())
                .withUid(policy.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(false).build()));
        try {
            client.batch().v1().jobs().resource(job).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            // made by an earlier reconcile whose status write did not land: the same Job, not a second one
        }
        return requested;
    }
}
