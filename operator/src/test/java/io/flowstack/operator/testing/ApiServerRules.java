package io.flowstack.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a Kubernetes API server refuses on an update, with its status code and Status body, so the operator's error
 * path meets real refusals: immutable fields of StatefulSets, Services, Jobs, immutable Secrets and ConfigMaps, and
 * PersistentVolumeClaims that shrink or change more than their requests. Messages follow the API server's wording.
 */
final class ApiServerRules {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The StatefulSet spec fields an update may change (apps/v1 validation). */
    private static final Set<String> STATEFULSET_MUTABLE = Set.of("replicas", "ordinals", "template", "updateStrategy",
            "persistentVolumeClaimRetentionPolicy", "minReadySeconds", "revisionHistoryLimit");

    private ApiServerRules() {
    }

    /**
     * The refusal of an update of {@code live} into {@code updated} at {@code path}, if the API server would refuse.
     * {@code storageClasses} finds a StorageClass by name (null: the default class), or null.
     */
    static Optional<MockResponse> refuseUpdate(String path, JsonNode live, JsonNode updated,
                                               java.util.function.Function<String, JsonNode> storageClasses) {
        String resource = ServerSideApplyDispatcher.resourceOf(path);
        String name = live.path("metadata").path("name").asText();
        return switch (resource) {
            case "statefulsets" -> statefulSet(name, live.path("spec"), updated.path("spec"));
            case "services" -> changed(live, updated, "/spec/clusterIP")
                    && !live.path("spec").path("clusterIP").asText("").isEmpty()
                    ? invalid("Service", "", name, "spec.clusterIPs[0]: Invalid value: []string{\""
                    + updated.path("spec").path("clusterIP").asText() + "\"}: may not change once set")
                    : Optional.empty();
            case "jobs" -> changed(live, updated, "/spec/selector") || changed(live, updated, "/spec/template")
                    ? invalid("Job", "batch", name, (changed(live, updated, "/spec/selector") ? "spec.selector"
                    : "spec.template") + ": Invalid value: field is immutable")
                    : Optional.empty();
            case "secrets", "configmaps" -> immutableData(resource, name, live, updated);
            case "persistentvolumeclaims" -> claim(name, live.path("spec"), updated.path("spec"), storageClasses);
            default -> Optional.empty();
        };
    }

    private static Optional<MockResponse> statefulSet(String name, JsonNode live, JsonNode updated) {
        ObjectNode before = live.deepCopy();
        ObjectNode after = updated.deepCopy();
        STATEFULSET_MUTABLE.forEach(field -> {
            before.remove(field);
            after.remove(field);
        });
        if (before.equals(after)) {
            return Optional.empty();
        }
        return invalid("StatefulSet", "apps", name, "spec: Forbidden: updates to statefulset spec for fields other than"
                + " 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and"
                + " 'minReadySeconds' are forbidden");
    }

    private static Optional<MockResponse> immutableData(String resource, String name, JsonNode live, JsonNode updated) {
        if (!live.path("immutable").asBoolean(false)) {
            return Optional.empty();
        }
        String kind = resource.equals("secrets") ? "Secret" : "ConfigMap";
        for (String field : List.of("data", "binaryData", "stringData")) {
            if (!live.path(field).equals(updated.path(field)) && !(field.equals("stringData")
                    && updated.path(field).isMissingNode())) {
                return invalid(kind, "", name, field + ": Forbidden: field is immutable when `immutable` is set");
            }
        }
        if (!updated.path("immutable").asBoolean(false)) {
            return invalid(kind, "", name, "immutable: Forbidden: field is immutable when `immutable` is set");
        }
        return Optional.empty();
    }

    private static Optional<MockResponse> claim(String name, JsonNode live, JsonNode updated,
                                                java.util.function.Function<String, JsonNode> storageClasses) {
        JsonNode before = live.path("resources").path("requests").path("storage");
        JsonNode after = updated.path("resources").path("requests").path("storage");
        int growth = before.isTextual() && after.isTextual() ? Quantity.getAmountInBytes(new Quantity(after.asText()))
                .compareTo(Quantity.getAmountInBytes(new Quantity(before.asText()))) : 0;
        if (growth < 0) {
            return invalid("PersistentVolumeClaim", "", name, "spec.resources.requests.storage: Forbidden: field can"
                    + " not be less than status.capacity");
        }
        if (growth > 0) {
            JsonNode className = live.path("storageClassName");
            JsonNode storageClass = storageClasses.apply(className.isTextual() ? className.asText() : null);
            if (storageClass == null || !storageClass.path("allowVolumeExpansion").asBoolean(false)) {
                return forbidden("persistentvolumeclaims \"" + name + "\" is forbidden: only dynamically provisioned"
                        + " pvc can be resized and the storageclass that provisions the pvc must support resize");
            }
        }
        ObjectNode rest = live.deepCopy();
        ObjectNode restAfter = updated.deepCopy();
        for (ObjectNode spec : List.of(rest, restAfter)) {
            spec.remove("resources");
            spec.remove("volumeAttributesClassName");
            if (!restAfter.has("volumeName")) {
                spec.remove("volumeName");   // bound by the controller, not in what clients send
            }
        }
        return rest.equals(restAfter) ? Optional.empty() : invalid("PersistentVolumeClaim", "", name, "spec: Forbidden:"
                + " spec is immutable after creation except resources.requests and volumeAttributesClassName for bound"
                + " claims");
    }

    private static boolean changed(JsonNode live, JsonNode updated, String pointer) {
        JsonNode before = live.at(pointer);
        JsonNode after = updated.at(pointer);
        return !before.isMissingNode() && !after.isMissingNode() && !before.equals(after);
    }

    /** 403 Forbidden with the API server's message. */
    static Optional<MockResponse> forbidden(String message) {
        return Optional.of(status(403, "Forbidden", message));
    }

    /** A failure Status body with the API server's code, reason and message. */
    static MockResponse status(int code, String reason, String message) {
        ObjectNode status = JSON.createObjectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", reason);
        status.put("code", code);
        return new MockResponse().setResponseCode(code).setBody(status.toString());
    }

    /** 422 Invalid, as the API server words it: {@code <Kind>.<group> "<name>" is invalid: <cause>}. */
    static Optional<MockResponse> invalid(String kind, String group, String name, String cause) {
        String qualified = group.isEmpty() ? kind : kind + "." + group;
        ObjectNode status = JSON.createObjectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.put("status", "Failure");
        status.put("message", qualified + " \"" + name + "\" is invalid: " + cause);
        status.put("reason", "Invalid");
        ObjectNode details = status.putObject("details");
        details.put("name", name);
        details.put("group", group);
        details.put("kind", kind.toLowerCase(java.util.Locale.ROOT) + "s");
        status.put("code", 422);
        return Optional.of(new MockResponse().setResponseCode(422).setBody(status.toString()));
    }
}
