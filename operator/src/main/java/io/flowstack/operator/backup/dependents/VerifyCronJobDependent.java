package io.flowstack.operator.backup.dependents;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.flowstack.operator.backup.desired.BackupJobDesired;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** The policy's restore-drill CronJob, present while spec.verify is set (it shares the backup CronJob's informer). */
public class VerifyCronJobDependent extends CRUDKubernetesDependentResource<CronJob, BackupPolicy> {
    public VerifyCronJobDependent() {
        super(CronJob.class);
    }

    @Override
    protected CronJob desired(BackupPolicy policy, Context<BackupPolicy> context) {
        BackupInputs inputs = BackupInputs.of(context);
        return BackupJobDesired.verifyCronJob(policy, inputs.tenant(), inputs.settings());
    }

    @Override
    protected ResourceID targetSecondaryResourceID(BackupPolicy policy, Context<BackupPolicy> context) {
        return new ResourceID(BackupJobDesired.verifyCronJobName(policy), policy.getMetadata().getNamespace());
    }

    /** Drills only when the policy asks for them; removing spec.verify deletes the CronJob. */
    public static class Enabled implements Condition<CronJob, BackupPolicy> {
        @Override
        public boolean isMet(DependentResource<CronJob, BackupPolicy> dependent, BackupPolicy policy,
                             Context<BackupPolicy> context) {
            return policy.getSpec().verify != null;
        }
    }
}
