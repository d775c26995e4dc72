package io.flowstack.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * fieldsV1 sets as the API server writes them into managedFields: {@code f:<field>} for fields, {@code k:<json>} for
 * items of keyed lists (with {@code .} first), {@code {}} for leaves. Fields the API server never records for a manager
 * (apiVersion, kind, metadata.name and namespace, resourceVersion, managedFields) are left out.
 */
final class ManagedFields {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ManagedFields() {
    }

    /** Lists the Kubernetes API declares atomic: replaced whole, owned as one field. */
    private static final java.util.Set<String> ATOMIC = java.util.Set.of("subjects", "limits", "ingress", "egress", "from",
            "to", "accessModes", "volumeClaimTemplates", "matchExpressions", "tolerations", "command", "args");

    /** Lists of scalars the API declares {@code listType=set}: each value is owned apart ({@code v:<json>}). */
    private static final java.util.Set<String> SETS = java.util.Set.of("finalizers");

    /** Whether a list field is a set of scalars, merged value by value. */
    static boolean isSet(String field, JsonNode items) {
        if (!SETS.contains(field) || !items.isArray()) {
            return false;
        }
        for (JsonNode item : items) {
            if (item.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    static String valueKey(JsonNode value) {
        return "v:" + value;
    }

    /** The key that identifies items of a list field, or empty when the list is atomic. */
    static Optional<String> listKey(String field, ArrayNode items) {
        if (ATOMIC.contains(field) || items.isEmpty() || !items.get(0).isObject()) {
            return Optional.empty();
        }
        String key;
        if ("ownerReferences".equals(field)) {
            key = "uid";
        } else if ("ports".equals(field)) {
            key = items.get(0).has("containerPort") ? "containerPort" : "port";
        } else {
            key = "name";
        }
        for (JsonNode item : items) {
            if (!item.has(key)) {
                return Optional.empty();
            }
        }
        return Optional.of(key);
    }

    static String itemKey(String key, JsonNode item) {
        ObjectNode json = NODES.objectNode();
        json.set(key, item.get(key));
        return "k:" + json;
    }

    /** The field set of an applied object. */
    static ObjectNode of(JsonNode applied) {
        ObjectNode fields = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = applied.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (name.equals("apiVersion") || name.equals("kind")) {
                continue;
            }
            if (name.equals("metadata")) {
                ObjectNode metadata = NODES.objectNode();
                field.getValue().fields().forEachRemaining(m -> {
                    if (!m.getKey().equals("name") && !m.getKey().equals("namespace") && !m.getKey().equals("resourceVersion")
                            && !m.getKey().equals("managedFields") && !m.getValue().isNull()) {
                        metadata.set("f:" + m.getKey(), valueFields(m.getKey(), m.getValue()));
                    }
                });
                if (!metadata.isEmpty()) {
                    fields.set("f:metadata", metadata);
                }
                continue;
            }
            if (!field.getValue().isNull()) {
                fields.set("f:" + name, valueFields(name, field.getValue()));
            }
        }
        return fields;
    }

    private static JsonNode valueFields(String name, JsonNode value) {
        if (value.isObject()) {
            ObjectNode fields = NODES.objectNode();
            value.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    fields.set("f:" + e.getKey(), valueFields(e.getKey(), e.getValue()));
                }
            });
            return fields;
        }
        if (isSet(name, value)) {
            ObjectNode fields = NODES.objectNode();
            value.forEach(item -> fields.set(valueKey(item), NODES.objectNode()));
            return fields;
        }
        if (value.isArray()) {
            Optional<String> key = listKey(name, (ArrayNode) value);
            if (key.isPresent()) {
                ObjectNode fields = NODES.objectNode();
                for (JsonNode item : value) {
                    ObjectNode itemFields = NODES.objectNode();
                    itemFields.set(".", NODES.objectNode());
                    ((ObjectNode) valueFields("", item)).fields()
                            .forEachRemaining(e -> itemFields.set(e.getKey(), e.getValue()));
                    fields.set(itemKey(key.get(), item), itemFields);
                }
                return fields;
            }
        }
        return NODES.objectNode();
    }

    /** Union of the field sets of all entries of managedFields except the given manager's. */
    static ObjectNode ownedByOthers(JsonNode managedFields, String manager) {
        ObjectNode union = NODES.objectNode();
        for (JsonNode entry : managedFields) {
            if (manager.equals(entry.path("manager").asText())) {
                continue;
            }
            union(union, entry.path("fieldsV1"));
        }
        return union;
    }

    private static void union(ObjectNode into, JsonNode from) {
        from.fields().forEachRemaining(e -> {
            if (into.has(e.getKey()) && into.get(e.getKey()).isObject() && e.getValue().isObject()) {
                union((ObjectNode) into.get(e.getKey()), e.getValue());
            } else if (!into.has(e.getKey())) {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }

    /**
     * Drops from a field set what the object no longer has, as the API server does when another writer removes a field
     * or a list item: ownership of something that does not exist is not kept.
     */
    static JsonNode prune(JsonNode fields, JsonNode object) {
        ObjectNode pruned = NODES.objectNode();
        fields.fields().forEachRemaining(e -> {
            String key = e.getKey();
            if (key.equals(".")) {
                pruned.set(key, e.getValue());
            } else if (key.startsWith("f:")) {
                JsonNode value = object == null ? null : object.get(key.substring(2));
                if (value != null && !value.isNull()) {
                    pruned.set(key, e.getValue().isEmpty() ? e.getValue() : prune(e.getValue(), value));
                }
            } else if (key.startsWith("v:") && object != null && object.isArray()) {
                for (JsonNode item : object) {
                    if (key.equals(valueKey(item))) {
                        pruned.set(key, e.getValue());
                        break;
                    }
                }
            } else if (key.startsWith("k:") && object != null && object.isArray()) {
                try {
                    JsonNode id = JSON.readTree(key.substring(2));
                    for (JsonNode item : object) {
                        boolean matches = true;
                        for (Iterator<Map.Entry<String, JsonNode>> it = id.fields(); it.hasNext(); ) {
                            Map.Entry<String, JsonNode> part = it.next();
                            matches &= part.getValue().equals(item.get(part.getKey()));
                        }
                        if (matches) {
                            pruned.set(key, prune(e.getValue(), item));
                            break;
                        }
                    }
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            } else {
                pruned.set(key, e.getValue());
            }
        });
        return pruned;
    }

    /**
     * The fields a non-apply write set: those of {@code after} (an object's body without metadata's bookkeeping) whose
     * values differ from {@code before}, as a field set. A changed list is owned whole (approximation of the
     * per-item sets the API server computes).
     */
    static ObjectNode changed(JsonNode before, JsonNode after) {
        ObjectNode fields = NODES.objectNode();
        after.fields().forEachRemaining(e -> {
            String name = e.getKey();
            if (IGNORED.contains(name)) {
                return;
            }
            JsonNode old = before == null ? null : before.get(name);
            JsonNode value = e.getValue();
            if (value.equals(old)) {
                return;
            }
            if (value.isObject() && old != null && old.isObject()) {
                ObjectNode inner = changed(old, value);
                if (!inner.isEmpty()) {
                    fields.set("f:" + name, inner);
                }
            } else if (isSet(name, value)) {
                ObjectNode added = NODES.objectNode();   // a writer owns the values it added to a set
                value.forEach(item -> {
                    if (old == null || !old.isArray() || !contains(old, item)) {
                        added.set(valueKey(item), NODES.objectNode());
                    }
                });
                if (!added.isEmpty()) {
                    fields.set("f:" + name, added);
                }
            } else {
                fields.set("f:" + name, valueFields(name, value));
            }
        });
        return fields;
    }

    static boolean contains(JsonNode list, JsonNode value) {
        for (JsonNode item : list) {
            if (item.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** Fields the API server never records for a manager. */
    private static final java.util.Set<String> IGNORED = java.util.Set.of("apiVersion", "kind", "name", "namespace",
            "resourceVersion", "managedFields", "uid", "creationTimestamp", "generation", "status");

    /** {@code fields} without what {@code taken} holds (ownership that moved to another writer). */
    static ObjectNode minus(JsonNode fields, JsonNode taken) {
        ObjectNode rest = NODES.objectNode();
        fields.fields().forEachRemaining(e -> {
            JsonNode gone = taken.get(e.getKey());
            if (gone == null) {
                rest.set(e.getKey(), e.getValue().deepCopy());
            } else if (!gone.isEmpty() && !e.getValue().isEmpty()) {
                ObjectNode inner = minus(e.getValue(), gone);
                if (!inner.isEmpty() && !(inner.size() == 1 && inner.has("."))) {
                    rest.set(e.getKey(), inner);
                }
            }
        });
        return rest;
    }

    /** The union of two field sets. */
    static ObjectNode plus(JsonNode a, JsonNode b) {
        ObjectNode union = a.isObject() ? ((ObjectNode) a).deepCopy() : NODES.objectNode();
        union(union, b);
        return union;
    }

    static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
