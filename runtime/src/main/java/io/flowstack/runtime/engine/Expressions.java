package io.flowstack.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstack.crds.expression.Cel;
import io.flowstack.crds.expression.ExpressionException;
import io.flowstack.crds.expression.Template;
import io.flowstack.crds.validation.WorkflowExpressions;
import java.util.Map;

/**
 * Evaluates workflow expressions with the same CEL environment the validator checks them against: templates in step
 * bodies ({@code ${{ }}} in any string of a JSON value) and bare conditions ({@code when}, {@code forEach.items}).
 */
public final class Expressions {
    private final Cel cel = Cel.forWorkflows(WorkflowExpressions.FOR_EACH_VARIABLES);

    /** Renders every string of a JSON template; a string that is one expression takes the expression's value. */
    public JsonNode render(JsonNode template, Map<String, Object> variables) throws ExpressionException {
        if (template == null || template.isNull()) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (template.isTextual()) {
            return renderString(template.asText(), variables);
        }
        if (template.isObject()) {
            ObjectNode rendered = JsonNodeFactory.instance.objectNode();
            var fields = template.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                rendered.set(field.getKey(), render(field.getValue(), variables));
            }
            return rendered;
        }
        if (template.isArray()) {
            ArrayNode rendered = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : template) {
                rendered.add(render(item, variables));
            }
            return rendered;
        }
        return template;
    }

    public JsonNode renderString(String text, Map<String, Object> variables) throws ExpressionException {
        if (!Template.hasExpressions(text)) {
            return JsonNodeFactory.instance.textNode(text);
        }
        Template template = Template.parse(text);
        if (template.isSingleExpression()) {
            return evaluate(template.parts().get(0).text(), variables);
        }
        StringBuilder out = new StringBuilder();
        for (Template.Part part : template.parts()) {
            out.append(part.expression() ? Values.asText(evaluate(part.text(), variables)) : part.text());
        }
        return JsonNodeFactory.instance.textNode(out.toString());
    }

    /** A condition: must evaluate to a boolean. */
    public boolean test(String condition, Map<String, Object> variables) throws ExpressionException {
        JsonNode value = evaluate(Template.bareExpression(condition), variables);
        if (!value.isBoolean()) {
            throw new ExpressionException("condition " + condition + " gave " + value + ", not true or false");
        }
        return value.asBoolean();
    }

    /** A bare expression's value as JSON. */
    public JsonNode value(String expression, Map<String, Object> variables) throws ExpressionException {
        return evaluate(Template.bareExpression(expression), variables);
    }

    private JsonNode evaluate(String expression, Map<String, Object> variables) throws ExpressionException {
        return Values.toJson(cel.evaluate(expression, variables));
    }
}
