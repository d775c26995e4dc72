package io.flowstack.operator.workflow;

import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.common.FieldError;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.workflow.Step;
import io.flowstack.crds.v1alpha1.workflow.StepAction;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.operator.definitions.Projection;
import io.flowstack.operator.common.Conditions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A workflow step calling an Integration that exists but cannot be deployed (invalid, or its Secret lacks a key) is an
 * error at the step's integrationRef: the workflow would fail at the runtime, so it does not go there. (A reference to
 * no Integration at all is the shared validator's error.)
 */
final class IntegrationReadiness {
    private IntegrationReadiness() {
    }

    static List<FieldError> problems(Workflow workflow, Map<String, Integration> integrations) {
        List<FieldError> problems = new ArrayList<>();
        if (workflow.getSpec() == null || workflow.getSpec().steps == null) {
            return problems;
        }
        for (int i = 0; i < workflow.getSpec().steps.size(); i++) {
            Step step = workflow.getSpec().steps.get(i);
            String path = "spec.steps[" + i + "]";
            check(step, path, integrations, problems);
            if (step.forEach != null && step.forEach.step != null) {
                check(step.forEach.step, path + ".forEach.step", integrations, problems);
            }
        }
        return problems;
    }

    private static void check(StepAction action, String path, Map<String, Integration> integrations,
                              List<FieldError> problems) {
        if (action.integration == null || action.integration.integrationRef == null) {
            return;
        }
        Integration integration = integrations.get(action.integration.integrationRef);
        if (integration == null || Projection.validNow(integration, integration.getStatus())) {
            return;
        }
        String why = integration.getStatus() == null ? "it has not been checked yet"
                : Conditions.find(integration.getStatus().conditions, "Ready").map(IntegrationReadiness::describe)
                .orElse("it has not been checked yet");
        problems.add(new FieldError(path + ".integration.integrationRef", "integration "
                + action.integration.integrationRef + " is not ready: " + why));
    }

    private static String describe(Condition ready) {
        return ready.message == null ? ready.reason : ready.message;
    }
}
