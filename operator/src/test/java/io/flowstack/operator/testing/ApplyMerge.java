package io.flowstack.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Server-side apply's merge, as much of it as the operator relies on: the applied configuration is merged into the live
 * object (maps recursively, keyed lists by key, sets such as finalizers value by value, other lists replaced), and
 * fields the manager applied before but no longer applies are removed unless another manager owns them.
 */
final class ApplyMerge {
    private ApplyMerge() {
    }

    static void merge(ObjectNode live, JsonNode applied, JsonNode previouslyOwned, JsonNode ownedByOthers) {
        for (Iterator<Map.Entry<String, JsonNode>> it = applied.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            JsonNode current = live.get(name);
            JsonNode previous = previouslyOwned.path("f:" + name);
            JsonNode others = ownedByOthers.path("f:" + name);
            if (value.isObject() && current != null && current.isObject()) {
                merge((ObjectNode) current, value, previous, others);
            } else if (current != null && ManagedFields.isSet(name, value) && ManagedFields.isSet(name, current)) {
                live.set(name, mergeSet((ArrayNode) current, (ArrayNode) value, previous, others));
            } else if (value.isArray() && current != null && current.isArray()
                    && ManagedFields.listKey(name, (ArrayNode) value).isPresent()) {
                live.set(name, mergeList(name, (ArrayNode) current, (ArrayNode) value, previous, others));
            } else {
                live.set(name, value.deepCopy());
            }
        }
        // fields this manager owned and no longer applies go, unless someone else owns them too
        List<String> remove = new ArrayList<>();
        previouslyOwned.fieldNames().forEachRemaining(key -> {
            if (key.startsWith("f:")) {
                String name = key.substring(2);
                JsonNode current = live.get(name);
                if (!applied.has(name) && current != null && ownedByOthers.has(key)
                        && ManagedFields.isSet(name, current)) {
                    // values this manager put in a set others share go; the others' stay
                    live.set(name, mergeSet((ArrayNode) current, JsonNodeFactory.instance.arrayNode(),
                            previouslyOwned.path(key), ownedByOthers.path(key)));
                } else if (!applied.has(name) && !ownedByOthers.has(key) && !isIdentity(name)) {
                    remove.add(name);
                }
            }
        });
        remove.forEach(live::remove);
    }

    private static boolean isIdentity(String name) {
        return name.equals("name") || name.equals("namespace") || name.equals("uid");
    }

    private static ArrayNode mergeList(String field, ArrayNode current, ArrayNode applied, JsonNode previous,
                                       JsonNode others) {
        String key = ManagedFields.listKey(field, applied).orElseThrow();
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        for (JsonNode item : current) {
            String itemKey = item.has(key) ? ManagedFields.itemKey(key, item) : null;
            Optional<JsonNode> appliedItem = find(applied, key, item.get(key));
            if (appliedItem.isPresent()) {
                ObjectNode merged = (ObjectNode) item.deepCopy();
                merge(merged, appliedItem.get(), previous.path(itemKey), others.path(itemKey));
                result.add(merged);
            } else if (itemKey == null || !previous.has(itemKey) || others.has(itemKey)) {
                result.add(item);
            }
        }
        for (JsonNode item : applied) {
            if (find(current, key, item.get(key)).isEmpty()) {
                result.add(item.deepCopy());
            }
        }
        return result;
    }

    /** Values others put in the set stay; this manager's values are what it applies now. */
    private static ArrayNode mergeSet(ArrayNode current, ArrayNode applied, JsonNode previous, JsonNode others) {
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        for (JsonNode item : current) {
            String key = ManagedFields.valueKey(item);
            if (ManagedFields.contains(applied, item) || !previous.has(key) || others.has(key)) {
                result.add(item);
            }
        }
        for (JsonNode item : applied) {
            if (!ManagedFields.contains(current, item)) {
                result.add(item);
            }
        }
        return result;
    }

    private static Optional<JsonNode> find(ArrayNode list, String key, JsonNode value) {
        if (value == null) {
            return Optional.empty();
        }
        for (JsonNode item : list) {
            if (value.equals(item.get(key))) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }
}
