package io.flowstack.crds.validation;

import io.flowstack.crds.v1alpha1.workflow.Workflow;
import java.util.List;

/** The variables workflow expressions see, and the conventions the runtime shares with the validator. */
public final class WorkflowExpressions {
    /** Variables of every step expression: the execution's input, finished steps' outputs, execution and workflow facts. */
    public static final List<String> STEP_VARIABLES = List.of("input", "steps", "execution", "workflow");
    /** Variables inside the step of a forEach: the above plus the current item and its index. */
    public static final List<String> FOR_EACH_VARIABLES = List.of("input", "steps", "execution", "workflow", "item", "index");

    private WorkflowExpressions() {
    }

    /** The path a webhook trigger is served under (below /webhooks/): its path, or the workflow's name. */
    public static String webhookPath(Workflow workflow) {
        String path = workflow.getSpec().trigger.webhook.path;
        return path == null || path.isEmpty() ? workflow.getMetadata().getName() : path;
    }
}
