package io.flowstack.crds.validation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.flowstack.crds.v1alpha1.common.FieldError;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import java.util.List;

/**
 * The checks no schema can express (cron syntax, time zones, the step graph, expressions, references between objects),
 * shared by {@code flowstack validate}, the operator and the runtime. It expects an object the API server admitted
 * (defaults applied); every error names the field path and what to do.
 */
public final class FlowstackValidator {
    private final WorkflowValidator workflows = new WorkflowValidator();

    public List<FieldError> validate(HasMetadata resource, ValidationContext context) {
        if (resource instanceof Workflow workflow) {
            return workflows.validate(workflow, context);
        }
        if (resource instanceof Tenant tenant) {
            return TenantValidator.validate(tenant);
        }
        if (resource instanceof Integration integration) {
            return IntegrationValidator.validate(integration);
        }
        if (resource instanceof BackupPolicy policy) {
            return BackupPolicyValidator.validate(policy);
        }
        return List.of();
    }
}
