package io.flowstack.crds.v1alpha1.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Map;

/** One HTTP request. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HttpAction {
    @Default("GET")
    @JsonPropertyDescription("HTTP method: GET, POST, PUT, PATCH, DELETE or HEAD.")
    public HttpMethod method;

    @Required
    @Size(min = 1, max = 4096)
    @JsonPropertyDescription("URL to call (http or https); may contain ${{ }} expressions.")
    public String url;

    @Size(max = 64)
    @JsonPropertyDescription("Request headers; values may contain ${{ }} expressions.")
    public Map<String, String> headers;

    @PreserveUnknownFields
    @JsonPropertyDescription("Request body: a string or a JSON value, sent as JSON; strings inside may contain ${{ }} expressions.")
    public JsonNode body;

    @Size(max = 32)
    @JsonPropertyDescription("Status codes that count as success; any 2xx when unset. Other codes fail the attempt.")
    public List<Integer> expectedStatus;

    public enum HttpMethod {
        GET, POST, PUT, PATCH, DELETE, HEAD
    }
}
