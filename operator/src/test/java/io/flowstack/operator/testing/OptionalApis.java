package io.flowstack.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API groups that exist only once their CRDs are installed (the Prometheus operator's): as an API server does,
 * discovery of {@code /apis/<group>/<version>} lists the kinds of the installed CRDs (404 before), and any request for
 * a kind of such a group that no CRD defines is answered 404 "the server could not find the requested resource".
 */
final class OptionalApis {
    static final Set<String> GROUPS = Set.of("monitoring.coreos.com");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH = Pattern.compile("^/apis/([^/?]+)/([^/?]+)(/[^?]*)?(\\?.*)?$");

    private OptionalApis() {
    }

    /**
     * The answer to a request of an optional group, or null for any other request.
     *
     * @param crds the stored CustomResourceDefinitionList
     */
    static MockResponse answer(RecordedRequest request, Supplier<JsonNode> crds) {
        Matcher path = PATH.matcher(request.getPath());
        if (!path.matches() || !GROUPS.contains(path.group(1))) {
            return null;
        }
        String group = path.group(1);
        String version = path.group(2);
        ObjectNode list = JSON.createObjectNode();
        list.put("kind", "APIResourceList").put("apiVersion", "v1").put("groupVersion", group + "/" + version);
        ArrayNode resources = list.putArray("resources");
        for (JsonNode crd : crds.get().path("items")) {
            JsonNode spec = crd.path("spec");
            boolean served = false;
            for (JsonNode v : spec.path("versions")) {
                served |= v.path("name").asText().equals(version) && v.path("served").asBoolean();
            }
            if (spec.path("group").asText().equals(group) && served) {
                ObjectNode resource = resources.addObject();
                resource.put("name", spec.path("names").path("plural").asText())
                        .put("singularName", spec.path("names").path("singular").asText())
                        .put("kind", spec.path("names").path("kind").asText())
                        .put("namespaced", "Namespaced".equals(spec.path("scope").asText()));
                resource.putArray("verbs").add("create").add("delete").add("get").add("list").add("patch")
                        .add("update").add("watch");
            }
        }
        String rest = path.group(3) == null ? "" : path.group(3);
        if (rest.isEmpty() || rest.equals("/")) {
            return resources.isEmpty() ? notFound() : new MockResponse().setResponseCode(200).setBody(list.toString());
        }
        String[] segments = rest.substring(1).split("/");
        String plural = segments.length >= 3 && segments[0].equals("namespaces") ? segments[2] : segments[0];
        for (JsonNode resource : resources) {
            if (resource.path("name").asText().equals(plural)) {
                return null;   // served: the store answers
            }
        }
        return notFound();
    }

    private static MockResponse notFound() {
        return new MockResponse().setResponseCode(404).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                + "\"status\":\"Failure\",\"message\":\"the server could not find the requested resource\","
                + "\"reason\":\"NotFound\",\"details\":{},\"code\":404}");
    }
}
