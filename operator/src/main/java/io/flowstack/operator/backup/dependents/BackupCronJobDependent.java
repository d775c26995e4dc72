package io.flowstack.operator.backup.dependents;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.backup.desired.BackupJobDesired;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.common.OperatorSettings;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The policy's backup CronJob. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class BackupCronJobDependent extends PolicyCronJobDependent {
    @Override
    CronJob build(BackupPolicy policy, Tenant tenant, OperatorSettings settings) {
        return BackupJobDesired.backupCronJob(policy, tenant, settings);
    }

    @Override
    String name(BackupPolicy policy) {
        return BackupJobDesired.backupCronJobName(policy);
    }
}
