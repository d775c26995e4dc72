package io.flowstack.operator.backup.dependents;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.flowstack.operator.backup.desired.BackupJobDesired;
import io.flowstack.operator.common.Labels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** The policy's backup CronJob. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class BackupCronJobDependent extends CRUDKubernetesDependentResource<CronJob, BackupPolicy> {
    public BackupCronJobDependent() {
        super(CronJob.class);
    }

    @Override
    protected CronJob desired(BackupPolicy policy, Context<BackupPolicy> context) {
        BackupInputs inputs = BackupInputs.of(context);
        return BackupJobDesired.backupCronJob(policy, inputs.tenant(), inputs.settings());
    }

    @Override
    protected ResourceID targetSecondaryResourceID(BackupPolicy policy, Context<BackupPolicy> context) {
        return new ResourceID(BackupJobDesired.backupCronJobName(policy), policy.getMetadata().getNamespace());
    }
}
