package io.flowstack.operator.backup.dependents;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.OperatorSettings;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** A CronJob of a policy with a name of its own, built by a pure builder from the policy and its inputs. */
abstract class PolicyCronJobDependent extends CRUDKubernetesDependentResource<CronJob, BackupPolicy> {
    PolicyCronJobDependent() {
        super(CronJob.class);
    }

    abstract CronJob build(BackupPolicy policy, Tenant tenant, OperatorSettings settings);

    abstract String name(BackupPolicy policy);

    @Override
    protected CronJob desired(BackupPolicy policy, Context<BackupPolicy> context) {
        BackupInputs inputs = BackupInputs.of(context);
        return build(policy, inputs.tenant(), inputs.settings());
    }

    @Override
    protected ResourceID targetSecondaryResourceID(BackupPolicy policy, Context<BackupPolicy> context) {
        return new ResourceID(name(policy), policy.getMetadata().getNamespace());
    }
}
