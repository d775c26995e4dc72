package io.flowstack.crds.docs;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstack.crds.admission.CrdSchemas;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders docs/api.md, the API reference, from the generated CRDs, so that it can never disagree with them. */
public final class ApiReference {
    private ApiReference() {
    }

    public static String render(CrdSchemas schemas) {
        StringBuilder out = new StringBuilder();
        out.append("# Flowstack API reference\n\n");
        out.append("<!-- Generated from the CRDs by io.flowstack.crds.docs.ApiReference; do not edit by hand. -->\n");
        out.append("<!-- Regenerate: ./mvnw -pl crds verify -Dflowstack.update-generated -->\n\n");
        out.append("Group `flowstack.io`, version `v1alpha1`. Every kind has a status subresource, `status.observedGeneration` ");
        out.append("and `status.conditions` with `Ready` as the summary, and belongs to the category `flowstack` ");
        out.append("(`kubectl get flowstack -A` lists them all). `kubectl explain <kind>.spec` shows the same descriptions.\n\n");
        for (JsonNode crd : schemas.crds().values()) {
            JsonNode names = crd.path("spec").path("names");
            out.append("- [").append(names.path("kind").asText()).append("](#")
                    .append(names.path("kind").asText().toLowerCase()).append(")\n");
        }
        out.append('\n');
        for (JsonNode crd : schemas.crds().values()) {
            renderKind(crd, out);
        }
        return out.toString();
    }

    private static void renderKind(JsonNode crd, StringBuilder out) {
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        JsonNode version = spec.path("versions").get(0);
        out.append("## ").append(names.path("kind").asText()).append("\n\n");
        out.append("| | |\n|---|---|\n");
        out.append("| apiVersion | `").append(spec.path("group").asText()).append('/').append(version.path("name").asText())
                .append("` |\n");
        out.append("| scope | ").append(spec.path("scope").asText()).append(" |\n");
        out.append("| plural | `").append(names.path("plural").asText()).append("` |\n");
        out.append("| short names | ").append(joinCode(names.path("shortNames"))).append(" |\n");
        out.append("| categories | ").append(joinCode(names.path("categories"))).append(" |\n\n");
        out.append("Columns of `kubectl get ").append(names.path("plural").asText()).append("`: ");
        List<String> columns = new ArrayList<>();
        for (JsonNode column : version.path("additionalPrinterColumns")) {
            columns.add(column.path("name").asText() + (column.path("priority").asInt(0) > 0 ? " (-o wide)" : ""));
        }
        out.append(String.join(", ", columns)).append(".\n\n");
        JsonNode schema = version.path("schema").path("openAPIV3Schema");
        for (String part : List.of("spec", "status")) {
            JsonNode partSchema = schema.path("properties").path(part);
            out.append("### ").append(names.path("kind").asText()).append('.').append(part).append("\n\n");
            out.append(escape(partSchema.path("description").asText())).append("\n\n");
            out.append("| Field | Type | Description |\n|---|---|---|\n");
            renderFields(part, partSchema, out);
            out.append('\n');
            List<String> rules = new ArrayList<>();
            collectRules(part, partSchema, rules);
            if (!rules.isEmpty()) {
                out.append("Rules the API server enforces (CEL) on `").append(part).append("`:\n\n");
                rules.forEach(rule -> out.append("- ").append(rule).append('\n'));
                out.append('\n');
            }
        }
    }

    private static void renderFields(String path, JsonNode schema, StringBuilder out) {
        JsonNode properties = schema.path("properties");
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String fieldPath = path + "." + field.getKey();
            JsonNode fieldSchema = field.getValue();
            out.append("| `").append(fieldPath).append("` | ").append(type(fieldSchema))
                    .append(required.contains(field.getKey()) ? ", **required**" : "").append(" | ")
                    .append(escape(fieldSchema.path("description").asText())).append(constraints(fieldSchema))
                    .append(" |\n");
            descend(fieldPath, fieldSchema, out);
        }
    }

    private static void descend(String path, JsonNode schema, StringBuilder out) {
        if (schema.has("properties")) {
            renderFields(path, schema, out);
        } else if (schema.path("items").has("properties")) {
            renderFields(path + "[]", schema.path("items"), out);
        } else if (schema.path("additionalProperties").has("properties")) {
            renderFields(path + "{}", schema.path("additionalProperties"), out);
        }
    }

    private static void collectRules(String path, JsonNode schema, List<String> rules) {
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            rules.add("`" + path + "`: " + escape(rule.path("message").asText()) + " — `" + rule.path("rule").asText()
                    .replace("|", "\\|") + "`");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            collectRules(path + "." + field.getKey(), field.getValue(), rules);
        }
        if (schema.has("items")) {
            collectRules(path + "[]", schema.path("items"), rules);
        }
        if (schema.path("additionalProperties").isObject()) {
            collectRules(path + "{}", schema.path("additionalProperties"), rules);
        }
    }

    private static String type(JsonNode schema) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            return "quantity (int or string)";
        }
        String type = schema.path("type").asText("");
        if (type.isEmpty() && schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            return "any JSON";
        }
        if ("array".equals(type)) {
            return "[]" + (schema.path("items").has("properties") ? "object" : type(schema.path("items")));
        }
        if ("object".equals(type) && schema.path("additionalProperties").isObject()) {
            return "map[string]" + (schema.path("additionalProperties").has("properties") ? "object"
                    : type(schema.path("additionalProperties")));
        }
        return type;
    }

    private static String constraints(JsonNode schema) {
        List<String> parts = new ArrayList<>();
        if (schema.has("enum")) {
            List<String> values = new ArrayList<>();
            schema.path("enum").forEach(v -> values.add("`" + v.asText() + "`"));
            parts.add("One of " + String.join(", ", values) + ".");
        }
        if (schema.has("default")) {
            parts.add("Default: `" + (schema.get("default").isTextual() ? schema.get("default").asText()
                    : schema.get("default").toString()) + "`.");
        }
        if (schema.has("minimum") || schema.has("maximum")) {
            parts.add("Range: " + number(schema.get("minimum"), "-∞") + " to " + number(schema.get("maximum"), "∞") + ".");
        }
        if (schema.has("maxLength")) {
            parts.add("At most " + schema.get("maxLength").asInt() + " characters.");
        }
        if (schema.has("maxItems")) {
            parts.add("At most " + schema.get("maxItems").asInt() + " items.");
        }
        if (schema.has("pattern")) {
            parts.add("Pattern: `" + schema.get("pattern").asText().replace("|", "\\|") + "`.");
        }
        return parts.isEmpty() ? "" : " " + String.join(" ", parts);
    }

    private static String number(JsonNode node, String absent) {
        if (node == null) {
            return absent;
        }
        double value = node.asDouble();
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String joinCode(JsonNode values) {
        List<String> shown = new ArrayList<>();
        values.forEach(v -> shown.add("`" + v.asText() + "`"));
        return String.join(", ", shown);
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
