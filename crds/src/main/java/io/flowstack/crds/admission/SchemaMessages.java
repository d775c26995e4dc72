package io.flowstack.crds.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;

/** Turns a JSON-schema validator message into an error worded the way the API server words it. */
final class SchemaMessages {
    private SchemaMessages() {
    }

    static FieldViolation toViolation(ValidationMessage message) {
        String path = toPath(message.getInstanceLocation());
        JsonNode value = message.getInstanceNode();
        String shown = value == null ? "" : abbreviate(value.toString());
        String type = message.getType();
        return switch (type) {
            case "required" -> new FieldViolation(Paths.field(path, message.getProperty()), "Required value");
            case "enum" -> new FieldViolation(path, "Unsupported value: " + shown + ": supported values: "
                    + supported(message.getSchemaNode()));
            case "type" -> new FieldViolation(path, "Invalid value: " + shown + ": must be of type "
                    + keyword(message.getSchemaNode(), "type"));
            case "pattern" -> new FieldViolation(path, "Invalid value: " + shown + ": should match '"
                    + keyword(message.getSchemaNode(), "pattern") + "'");
            default -> new FieldViolation(path, "Invalid value: " + shown + ": " + detail(message));
        };
    }

    /** The field path of an instance location, in the API server's notation: {@code spec.steps[0].name}. */
    static String toPath(JsonNodePath location) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else if (Paths.isIdentifier(element.toString())) {
                path.append(path.length() == 0 ? "" : ".").append(element);
            } else {
                path.append('[').append(element).append(']');
            }
        }
        return path.toString();
    }

    /** The value of a keyword: the validator hands over either the keyword's own node or the schema that holds it. */
    private static String keyword(JsonNode node, String name) {
        if (node == null) {
            return "";
        }
        return node.isObject() ? node.path(name).asText() : node.isArray() ? node.toString() : node.asText();
    }

    private static String supported(JsonNode schema) {
        JsonNode values = schema != null && schema.isObject() ? schema.path("enum") : schema;
        List<String> shown = new ArrayList<>();
        if (values != null) {
            values.forEach(v -> shown.add(v.toString()));
        }
        return String.join(", ", shown);
    }

    private static String detail(ValidationMessage message) {
        String text = message.getMessage();
        String prefix = message.getInstanceLocation().toString() + ": ";
        return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
