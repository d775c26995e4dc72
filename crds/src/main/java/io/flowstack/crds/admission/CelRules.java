package io.flowstack.crds.admission;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstack.crds.expression.Cel;
import io.flowstack.crds.expression.ExpressionException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Evaluates a structural schema's {@code x-kubernetes-validations} against an object, as the API server does on create:
 * {@code self} is the node the rule is declared on, typed by the schema; transition rules ({@code oldSelf}) only apply to
 * updates and are skipped.
 */
final class CelRules {
    private final Cel cel = Cel.forValidationRules();

    List<FieldViolation> evaluate(JsonNode object, JsonNode rootSchema, Predicate<String> pathHasSchemaErrors) {
        List<FieldViolation> violations = new ArrayList<>();
        walk(object, rootSchema, "", true, violations, pathHasSchemaErrors);
        return violations;
    }

    private void walk(JsonNode value, JsonNode schema, String path, boolean root, List<FieldViolation> violations,
                      Predicate<String> pathHasSchemaErrors) {
        if (value == null || value.isNull() || schema == null || schema.isMissingNode()) {
            return;
        }
        // a rule over a node with schema errors would only repeat them as evaluation errors; its children still count
        if (!pathHasSchemaErrors.test(path)) {
            for (JsonNode rule : schema.path("x-kubernetes-validations")) {
                evaluateRule(rule, value, schema, path, violations);
            }
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.get("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (root && !"spec".equals(field.getKey())) {
                    continue;
                }
                if (properties.has(field.getKey())) {
                    walk(field.getValue(), properties.get(field.getKey()), Paths.field(path, field.getKey()), false,
                            violations, pathHasSchemaErrors);
                } else if (additional != null && additional.isObject()) {
                    walk(field.getValue(), additional, Paths.key(path, field.getKey()), false, violations,
                            pathHasSchemaErrors);
                }
            }
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                walk(value.get(i), schema.get("items"), Paths.index(path, i), false, violations, pathHasSchemaErrors);
            }
        }
    }

    private void evaluateRule(JsonNode rule, JsonNode value, JsonNode schema, String path,
                              List<FieldViolation> violations) {
        String expression = rule.path("rule").asText();
        if (expression.contains("oldSelf")) {
            return;
        }
        String target = Paths.appendRulePath(path, rule.path("fieldPath").asText(""));
        try {
            Object result = cel.evaluate(expression, Map.of("self", toCel(value, schema)));
            if (!Boolean.TRUE.equals(result)) {
                String message = rule.hasNonNull("message") ? rule.get("message").asText()
                        : "failed rule: " + expression;
                violations.add(new FieldViolation(target, prefix(rule.path("reason").asText("")) + message));
            }
        } catch (ExpressionException e) {
            violations.add(new FieldViolation(target, "Invalid value: rule " + expression
                    + " could not be evaluated: " + e.getMessage()));
        }
    }

    /** How the API server words an error of each rule reason. */
    private static String prefix(String reason) {
        return switch (reason) {
            case "FieldValueRequired" -> "Required value: ";
            case "FieldValueForbidden" -> "Forbidden: ";
            case "FieldValueDuplicate" -> "Duplicate value: ";
            default -> "Invalid value: ";
        };
    }

    /** Converts JSON to CEL values as the API server does: integer to int, number to double, by the schema's type. */
    static Object toCel(JsonNode value, JsonNode schema) {
        String type = schema == null ? "" : schema.path("type").asText("");
        if (value.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            JsonNode properties = schema == null ? null : schema.path("properties");
            JsonNode additional = schema == null ? null : schema.get("additionalProperties");
            value.fields().forEachRemaining(e -> {
                JsonNode fieldSchema = properties != null && properties.has(e.getKey()) ? properties.get(e.getKey())
                        : additional;
                map.put(e.getKey(), toCel(e.getValue(), fieldSchema));
            });
            return map;
        }
        if (value.isArray()) {
            List<Object> list = new ArrayList<>();
            JsonNode items = schema == null ? null : schema.get("items");
            value.forEach(item -> list.add(toCel(item, items)));
            return list;
        }
        if (value.isNumber()) {
            if ("number".equals(type) || (!"integer".equals(type) && !value.isIntegralNumber())) {
                return value.asDouble();
            }
            return value.asLong();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isNull()) {
            return dev.cel.common.values.NullValue.NULL_VALUE;
        }
        return value.asText();
    }
}
