package io.flowstack.runtime.engine;

import io.flowstack.contract.api.ApiError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstack.crds.v1alpha1.workflow.InputProperty;
import io.flowstack.crds.v1alpha1.workflow.InputSpec;
import io.flowstack.crds.validation.InputTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks an execution's input against the workflow's input schema and fills in defaults. */
public final class InputValidator {
    private InputValidator() {
    }

    /** The input with defaults applied, or the problems, each with its field path (input.<name>). */
    public record Result(JsonNode input, List<String[]> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }

        /** The problems as the API's 400 body, each with its field path. */
        public ApiError error(String message) {
            return new ApiError(ApiError.Reasons.INVALID_INPUT, message, problems.stream()
                    .map(p -> new ApiError.FieldProblem(p[0], p[1])).toList());
        }
    }

    public static Result check(InputSpec spec, JsonNode given) {
        List<String[]> problems = new ArrayList<>();
        if (given == null || given.isNull() || given.isMissingNode()) {
            given = JsonNodeFactory.instance.objectNode();
        }
        if (!given.isObject()) {
            problems.add(new String[] {"input", "the input must be a JSON object"});
            return new Result(given, problems);
        }
        ObjectNode input = ((ObjectNode) given).deepCopy();
        if (spec == null) {
            return new Result(input, problems);
        }
        for (Map.Entry<String, InputProperty> entry : spec.properties.entrySet()) {
            String name = entry.getKey();
            InputProperty property = entry.getValue();
            String path = "input." + name;
            if (!input.has(name)) {
                // declared properties are always there for expressions: their default, or null
                input.set(name, property.defaultValue != null ? property.defaultValue.deepCopy()
                        : JsonNodeFactory.instance.nullNode());
            }
            JsonNode value = input.get(name);
            if (value == null || value.isNull()) {
                continue;
            }
            if (!InputTypes.matches(property.type, value)) {
                problems.add(new String[] {path, "must be of type " + typeName(property.type)});
                continue;
            }
            if (property.enumValues != null && !property.enumValues.isEmpty()
                    && !property.enumValues.contains(value.asText())) {
                problems.add(new String[] {path, "must be one of " + String.join(", ", property.enumValues)});
            }
            checkBounds(property, value, path, problems);
        }
        for (String required : spec.required) {
            if (!input.has(required) || input.get(required).isNull()) {
                problems.add(new String[] {"input." + required, "is required"});
            }
        }
        return new Result(input, problems);
    }

    /** Numbers within minimum and maximum, text within its lengths and matching its pattern. */
    private static void checkBounds(InputProperty property, JsonNode value, String path, List<String[]> problems) {
        if (value.isNumber()) {
            if (property.minimum != null && value.asDouble() < property.minimum) {
                problems.add(new String[] {path, "must be at least " + property.minimum});
            }
            if (property.maximum != null && value.asDouble() > property.maximum) {
                problems.add(new String[] {path, "must be at most " + property.maximum});
            }
        }
        if (value.isTextual()) {
            String text = value.asText();
            if (property.minLength != null && text.length() < property.minLength) {
                problems.add(new String[] {path, "must be at least " + property.minLength + " characters"});
            }
            if (property.maxLength != null && text.length() > property.maxLength) {
                problems.add(new String[] {path, "must be at most " + property.maxLength + " characters"});
            }
            if (property.pattern != null && !com.google.re2j.Pattern.compile(property.pattern).matcher(text).find()) {
                problems.add(new String[] {path, "must match " + property.pattern});
            }
        }
    }

    private static String typeName(InputProperty.InputType type) {
        return type == InputProperty.InputType.bool ? "boolean" : type.name();
    }
}
