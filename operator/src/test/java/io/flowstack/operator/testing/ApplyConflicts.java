package io.flowstack.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A server-side apply without {@code force} that would change a field another manager owns is refused with 409, as
 * the API server does: {@code Apply failed with N conflict(s): conflict with "<manager>" [using <apiVersion>]: .a.b}.
 * Fields of plain objects are compared; items of keyed lists are not (not modelled).
 */
final class ApplyConflicts {
    private ApplyConflicts() {
    }

    static MockResponse refusal(JsonNode managedFields, String manager, JsonNode applied, JsonNode live) {
        List<String> conflicts = new ArrayList<>();
        if (managedFields.isArray()) {
            JsonNode appliedFields = ManagedFields.of(applied);
            for (JsonNode entry : managedFields) {
                String other = entry.path("manager").asText();
                if (other.equals(manager)) {
                    continue;
                }
                List<String> paths = new ArrayList<>();
                walk(entry.path("fieldsV1"), appliedFields, applied, live, "", paths);
                String using = entry.path("apiVersion").asText("");
                paths.forEach(path -> conflicts.add("conflict with \"" + other + "\""
                        + (using.isEmpty() ? "" : " using " + using) + ": " + path));
            }
        }
        if (conflicts.isEmpty()) {
            return null;
        }
        String message = "Apply failed with " + conflicts.size() + " conflict" + (conflicts.size() == 1 ? "" : "s")
                + ": " + String.join("\n", conflicts);
        return ApiServerRules.status(409, "Conflict", message);
    }

    /** Leaves both field sets hold whose applied value differs from the live one. */
    private static void walk(JsonNode owned, JsonNode appliedFields, JsonNode applied, JsonNode live, String path,
                             List<String> conflicts) {
        for (Iterator<Map.Entry<String, JsonNode>> it = owned.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            if (!key.startsWith("f:") || !appliedFields.has(key)) {
                continue;
            }
            String name = key.substring(2);
            JsonNode appliedValue = applied == null ? null : applied.get(name);
            JsonNode liveValue = live == null ? null : live.get(name);
            JsonNode inner = appliedFields.get(key);
            if (field.getValue().isEmpty() || inner.isEmpty()) {
                if (appliedValue != null && !appliedValue.equals(liveValue)) {
                    conflicts.add(path + "." + name);
                }
            } else {
                walk(field.getValue(), inner, appliedValue, liveValue, path + "." + name, conflicts);
            }
        }
    }
}
