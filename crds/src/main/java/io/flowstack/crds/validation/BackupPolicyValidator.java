package io.flowstack.crds.validation;

import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.flowstack.crds.v1alpha1.backup.BackupPolicySpec;
import io.flowstack.crds.v1alpha1.common.FieldError;
import java.util.List;

final class BackupPolicyValidator {
    private BackupPolicyValidator() {
    }

    static List<FieldError> validate(BackupPolicy policy) {
        Problems problems = new Problems();
        BackupPolicySpec spec = policy.getSpec();
        problems.check("spec.schedule", () -> CronSchedules.parse(spec.schedule));
        if (spec.timezone != null) {
            problems.check("spec.timezone", () -> CronSchedules.zone(spec.timezone));
        }
        if (spec.verify != null) {
            problems.check("spec.verify.schedule", () -> CronSchedules.parse(spec.verify.schedule));
        }
        if (spec.target != null && spec.target.s3 != null && spec.target.s3.prefix != null
                && spec.target.s3.prefix.startsWith("/")) {
            problems.add("spec.target.s3.prefix", "a key prefix must not start with /: write it like tenants/acme/");
        }
        return problems.list();
    }
}
