package io.flowstack.crds.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What the API server does to a custom resource before validating it, on a structural schema: drops {@code null}s of
 * non-nullable fields, reports unknown fields (as {@code kubectl apply}'s strict field validation does) and applies
 * {@code default}s top-down.
 */
final class SchemaWalker {
    private static final List<String> OBJECT_META_FIELDS = List.of("apiVersion", "kind", "metadata");

    private SchemaWalker() {
    }

    static List<FieldViolation> pruneAndDefault(ObjectNode object, JsonNode rootSchema) {
        List<FieldViolation> violations = new ArrayList<>();
        walkObject(object, rootSchema, "", true, violations);
        return violations;
    }

    private static void walk(JsonNode value, JsonNode schema, String path, List<FieldViolation> violations) {
        if (value == null || schema == null || schema.isMissingNode()) {
            return;
        }
        if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false) && !schema.has("properties")
                && !schema.has("items") && !schema.has("additionalProperties")) {
            return;
        }
        if (value.isObject()) {
            walkObject((ObjectNode) value, schema, path, false, violations);
        } else if (value.isArray() && schema.has("items")) {
            ArrayNode array = (ArrayNode) value;
            for (int i = 0; i < array.size(); i++) {
                walk(array.get(i), schema.get("items"), Paths.index(path, i), violations);
            }
        }
    }

    private static void walkObject(ObjectNode object, JsonNode schema, String path, boolean root,
                                   List<FieldViolation> violations) {
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);

        // null values of non-nullable fields are pruned, as the API server does, so that defaults apply to them
        List<String> nulls = new ArrayList<>();
        object.fields().forEachRemaining(e -> {
            JsonNode fieldSchema = properties.has(e.getKey()) ? properties.get(e.getKey()) : additional;
            if (e.getValue().isNull() && (fieldSchema == null || !fieldSchema.path("nullable").asBoolean(false))) {
                nulls.add(e.getKey());
            }
        });
        nulls.forEach(object::remove);

        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (root && OBJECT_META_FIELDS.contains(name)) {
                continue;
            }
            if (properties.has(name)) {
                walk(field.getValue(), properties.get(name), Paths.field(path, name), violations);
            } else if (additional != null && additional.isObject()) {
                walk(field.getValue(), additional, Paths.key(path, name), violations);
            } else if (!preserveUnknown) {
                violations.add(new FieldViolation(Paths.field(path, name),
                        "unknown field \"" + Paths.field(path, name) + "\": not part of the " + (root ? "resource" : "schema")
                                + " (check its spelling and indentation)"));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            JsonNode propertySchema = property.getValue();
            if (!object.has(property.getKey()) && propertySchema.has("default")) {
                JsonNode defaulted = propertySchema.get("default").deepCopy();
                object.set(property.getKey(), defaulted);
                walk(defaulted, propertySchema, Paths.field(path, property.getKey()), violations);
            }
        }
    }
}
