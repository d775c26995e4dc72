package io.flowstack.crds.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import io.flowstack.crds.expression.Cel;
import io.flowstack.crds.expression.ExpressionException;
import io.flowstack.crds.expression.References;
import io.flowstack.crds.expression.Template;
import io.flowstack.crds.v1alpha1.common.FieldError;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.integration.IntegrationCatalog;
import io.flowstack.crds.v1alpha1.workflow.Step;
import io.flowstack.crds.v1alpha1.workflow.StepAction;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.crds.v1alpha1.workflow.WorkflowSpec;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Checks a Workflow's schedule, input, step graph, expressions and integration references. */
final class WorkflowValidator {
    private final Cel stepExpressions = Cel.forWorkflows(WorkflowExpressions.STEP_VARIABLES);
    private final Cel forEachExpressions = Cel.forWorkflows(WorkflowExpressions.FOR_EACH_VARIABLES);

    List<FieldError> validate(Workflow workflow, ValidationContext context) {
        Problems problems = new Problems();
        WorkflowSpec spec = workflow.getSpec();
        String namespace = ValidationContext.namespaceOf(workflow, "default");
        checkTriggers(workflow, context, namespace, problems);
        Duration timeout = spec.timeout == null ? null : problems.check("spec.timeout", () -> Durations.parse(spec.timeout));
        if (spec.input != null) {
            WorkflowStructure.checkInput(spec.input, problems);
        }
        boolean namesUnique = WorkflowStructure.checkNames(spec.steps, problems);
        boolean needsKnown = WorkflowStructure.checkNeeds(spec.steps, problems);
        StepGraph graph = StepGraph.of(spec.steps);
        boolean acyclic = true;
        if (namesUnique && needsKnown) {
            List<String> cycle = graph.findCycle();
            if (!cycle.isEmpty()) {
                acyclic = false;
                WorkflowStructure.reportCycle(spec.steps, cycle, problems);
            }
        }
        Optional<Map<String, Integration>> integrations = context.integrations(namespace);
        for (int i = 0; i < spec.steps.size(); i++) {
            Step step = spec.steps.get(i);
            String path = "spec.steps[" + i + "]";
            Set<String> upstream = namesUnique && acyclic ? graph.upstreamOf(step.name) : null;
            StepScope scope = new StepScope(step.name, upstream, graph.steps());
            if (step.when != null) {
                checkBareExpression(path + ".when", step.when, stepExpressions, scope, problems);
            }
            checkAction(step, path, stepExpressions, scope, integrations, timeout, problems);
            if (step.forEach != null) {
                checkBareExpression(path + ".forEach.items", step.forEach.items, stepExpressions, scope, problems);
                if (step.forEach.step != null) {
                    checkAction(step.forEach.step, path + ".forEach.step", forEachExpressions, scope, integrations,
                            timeout, problems);
                }
            }
        }
        return problems.list();
    }

    private void checkTriggers(Workflow workflow, ValidationContext context, String namespace, Problems problems) {
        WorkflowSpec spec = workflow.getSpec();
        if (spec.trigger == null) {
            return;
        }
        if (spec.trigger.schedule != null) {
            problems.check("spec.trigger.schedule.cron", () -> CronSchedules.parse(spec.trigger.schedule.cron));
            if (spec.trigger.schedule.timezone != null) {
                problems.check("spec.trigger.schedule.timezone", () -> CronSchedules.zone(spec.trigger.schedule.timezone));
            }
        }
        if (spec.trigger.webhook != null) {
            String path = WorkflowExpressions.webhookPath(workflow);
            for (Workflow other : context.workflows(namespace)) {
                if (other == workflow || other.getMetadata().getName().equals(workflow.getMetadata().getName())
                        || other.getSpec() == null || other.getSpec().trigger == null
                        || other.getSpec().trigger.webhook == null) {
                    continue;
                }
                if (path.equals(WorkflowExpressions.webhookPath(other))) {
                    problems.add("spec.trigger.webhook.path", "webhook path \"" + path + "\" is already served by workflow "
                            + other.getMetadata().getName() + ": choose another path");
                }
            }
        }
    }

    private void checkAction(StepAction action, String path, Cel cel, StepScope scope,
                             Optional<Map<String, Integration>> integrations, Duration workflowTimeout,
                             Problems problems) {
        if (action.timeout != null) {
            Duration stepTimeout = problems.check(path + ".timeout", () -> Durations.parse(action.timeout));
            if (stepTimeout != null && workflowTimeout != null && stepTimeout.compareTo(workflowTimeout) > 0) {
                problems.add(path + ".timeout", "step timeout " + action.timeout + " exceeds the workflow's timeout: "
                        + "lower it or raise spec.timeout");
            }
        }
        if (action.retry != null && action.retry.backoff != null) {
            Duration initial = action.retry.backoff.initial == null ? null
                    : problems.check(path + ".retry.backoff.initial", () -> Durations.parse(action.retry.backoff.initial));
            Duration max = action.retry.backoff.max == null ? null
                    : problems.check(path + ".retry.backoff.max", () -> Durations.parse(action.retry.backoff.max));
            if (initial != null && max != null && initial.compareTo(max) > 0) {
                problems.add(path + ".retry.backoff.initial", "initial backoff " + action.retry.backoff.initial
                        + " is above max " + action.retry.backoff.max);
            }
        }
        if (action.http != null) {
            checkTemplate(path + ".http.url", action.http.url, cel, scope, problems);
            if (!Template.hasExpressions(action.http.url)) {
                problems.check(path + ".http.url", () -> IntegrationValidator.httpUri(action.http.url));
            }
            if (action.http.headers != null) {
                action.http.headers.forEach((name, value) ->
                        checkTemplate(path + ".http.headers[" + name + "]", value, cel, scope, problems));
            }
            checkJsonTemplates(path + ".http.body", action.http.body, cel, scope, problems);
            if (action.http.expectedStatus != null) {
                for (int i = 0; i < action.http.expectedStatus.size(); i++) {
                    Integer status = action.http.expectedStatus.get(i);
                    if (status == null || status < 100 || status > 599) {
                        problems.add(path + ".http.expectedStatus[" + i + "]", status + " is not an HTTP status code (100-599)");
                    }
                }
            }
        }
        if (action.integration != null) {
            checkIntegration(action, path, integrations, problems);
            checkJsonTemplates(path + ".integration.params", action.integration.params, cel, scope, problems);
        }
        if (action.transform != null) {
            checkJsonTemplates(path + ".transform.output", action.transform.output, cel, scope, problems);
        }
        if (action.delay != null) {
            problems.check(path + ".delay.duration", () -> Durations.parse(action.delay.duration));
        }
    }

    private static void checkIntegration(StepAction action, String path, Optional<Map<String, Integration>> integrations,
                                         Problems problems) {
        if (integrations.isEmpty()) {
            return;
        }
        String ref = action.integration.integrationRef;
        Integration integration = integrations.get().get(ref);
        if (integration == null) {
            problems.add(path + ".integration.integrationRef", "no Integration named \"" + ref
                    + "\" in this namespace: create it, or fix the name"
                    + (integrations.get().isEmpty() ? "" : " (known: " + String.join(", ", new TreeSet<>(integrations.get().keySet())) + ")"));
            return;
        }
        if (integration.getSpec() == null || integration.getSpec().type == null) {
            return;
        }
        IntegrationCatalog.TypeInfo info = IntegrationCatalog.of(integration.getSpec().type);
        if (!info.actions().contains(action.integration.action)) {
            problems.add(path + ".integration.action", "integration " + ref + " is of type " + integration.getSpec().type
                    + ", which has no action \"" + action.integration.action + "\": use one of "
                    + String.join(", ", new TreeSet<>(info.actions())));
        }
    }

    private void checkJsonTemplates(String path, JsonNode node, Cel cel, StepScope scope, Problems problems) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            checkTemplate(path, node.asText(), cel, scope, problems);
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = field.getKey().matches("^[A-Za-z_][A-Za-z0-9_]*$") ? path + "." + field.getKey()
                        : path + "[" + field.getKey() + "]";
                checkJsonTemplates(child, field.getValue(), cel, scope, problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkJsonTemplates(path + "[" + i + "]", node.get(i), cel, scope, problems);
            }
        }
    }

    private void checkTemplate(String path, String text, Cel cel, StepScope scope, Problems problems) {
        if (!Template.hasExpressions(text)) {
            return;
        }
        try {
            for (String expression : Template.parse(text).expressions()) {
                checkExpression(path, expression, cel, scope, problems);
            }
        } catch (ExpressionException e) {
            problems.add(path, e.getMessage());
        }
    }

    private void checkBareExpression(String path, String text, Cel cel, StepScope scope, Problems problems) {
        try {
            checkExpression(path, Template.bareExpression(text), cel, scope, problems);
        } catch (ExpressionException e) {
            problems.add(path, e.getMessage());
        }
    }

    private static void checkExpression(String path, String expression, Cel cel, StepScope scope, Problems problems) {
        CelAbstractSyntaxTree ast;
        try {
            ast = cel.compile(expression);
        } catch (ExpressionException e) {
            String message = e.getMessage();
            if (message.contains("undeclared reference to 'secrets'")) {
                problems.add(path, "secrets are never visible to expressions: an Integration reads its Secret itself");
            } else if (message.contains("undeclared reference to 'item'") || message.contains("undeclared reference to 'index'")) {
                problems.add(path, "item and index exist only in the step of a forEach: " + message);
            } else {
                problems.add(path, "invalid expression \"" + expression + "\": " + message);
            }
            return;
        }
        for (String read : References.stepsReadBy(ast)) {
            if (!scope.allSteps().contains(read)) {
                problems.add(path, "steps." + read + ": no step named \"" + read + "\"");
            } else if (read.equals(scope.step())) {
                problems.add(path, "steps." + read + " is this step's own output, which does not exist while it runs");
            } else if (scope.upstream() != null && !scope.upstream().contains(read)) {
                problems.add(path, "steps." + read + " may not have run when step " + scope.step()
                        + " starts: add \"" + read + "\" to its needs");
            }
        }
    }

    /** Which steps an expression of one step may read. */
    private record StepScope(String step, Set<String> upstream, Set<String> allSteps) {
    }
}
