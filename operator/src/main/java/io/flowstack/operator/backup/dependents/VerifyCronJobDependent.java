package io.flowstack.operator.backup.dependents;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.backup.desired.BackupJobDesired;
import io.flowstack.operator.common.OperatorSettings;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The policy's restore-drill CronJob, present while spec.verify is set (it shares the backup CronJob's informer). */
public class VerifyCronJobDependent extends PolicyCronJobDependent {
    @Override
    CronJob build(BackupPolicy policy, Tenant tenant, OperatorSettings settings) {
        return BackupJobDesired.verifyCronJob(policy, tenant, settings);
    }

    @Override
    String name(BackupPolicy policy) {
        return BackupJobDesired.verifyCronJobName(policy);
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
