package io.flowstack.runtime.integrations;

import io.flowstack.runtime.http.OutboundHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.integration.IntegrationCatalog;
import io.flowstack.runtime.engine.StepFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/**
 * The actions of each integration type, as calls to the service's HTTP API: http (request), slack (postMessage),
 * openai-compatible chat completions (chatCompletion), hubspot (upsertContact, createNote), and smtp (sendMail).
 * 429 and 5xx answers are
 * retryable failures; other 4xx are not. Credentials go into headers only.
 */
public final class IntegrationAdapters {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final OutboundHttp http;

    public IntegrationAdapters(OutboundHttp http) {
        this.http = http;
    }

    public JsonNode call(Integration integration, String action, JsonNode params, Credentials credentials,
                         Duration timeout) throws StepFailure {
        var spec = integration.getSpec();
        String baseUrl = spec.baseUrl != null ? spec.baseUrl
                : IntegrationCatalog.of(spec.type).defaultBaseUrl().orElse("");
        ObjectNode p = params != null && params.isObject() ? (ObjectNode) params : NODES.objectNode();
        return switch (spec.type) {
            case http -> httpRequest(baseUrl, p, credentials, timeout);
            case slack -> slack(baseUrl, integration, p, credentials, timeout);
            case openai -> chatCompletion(baseUrl, integration, p, credentials, timeout);
            case hubspot -> hubspot(baseUrl, action, p, credentials, timeout);
            case smtp -> SmtpAdapter.sendMail(integration, p, credentials, timeout);
        };
    }

    /**
     * Whether the service answers and accepts the credentials, with one cheap read-only call per type: http GETs its
     * base URL (any answer below 500 but 401/403), slack auth.test, openai lists models, hubspot reads one contact,
     * smtp connects and logs in. Returns what was checked; throws what failed.
     */
    public String check(Integration integration, Credentials credentials, Duration timeout) throws StepFailure {
        var spec = integration.getSpec();
        String baseUrl = spec.baseUrl != null ? spec.baseUrl
                : IntegrationCatalog.of(spec.type).defaultBaseUrl().orElse("");
        switch (spec.type) {
            case http -> {
                OutboundHttp.Request request = OutboundHttp.request("GET", uri(baseUrl), timeout);
                credentials.get("token").ifPresent(token -> request.header("Authorization", "Bearer " + token));
                int status = exchange(request, "GET " + baseUrl).status();
                if (status == 401 || status == 403 || status >= 500) {
                    throw new StepFailure("GET " + baseUrl + " answered " + status, status >= 500);
                }
                return "GET " + baseUrl + " answered " + status;
            }
            case slack -> {
                Answer answer = send(json(join(baseUrl, "/auth.test"), NODES.objectNode(), bearer(credentials, "token"),
                        timeout), "slack auth.test");
                if (!answer.body().path("ok").asBoolean(false)) {
                    throw new StepFailure("slack auth.test refused the token: "
                            + answer.body().path("error").asText("unknown error"), false);
                }
                return "slack auth.test accepted the token";
            }
            case openai -> {
                OutboundHttp.Request request = OutboundHttp.request("GET", uri(join(baseUrl, "/models")), timeout);
                String authorization = bearer(credentials, "apiKey");
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                send(request, "GET " + join(baseUrl, "/models"));
                return "the model list was read";
            }
            case hubspot -> {
                String url = join(baseUrl, "/crm/v3/objects/contacts?limit=1");
                send(OutboundHttp.request("GET", uri(url), timeout)
                        .header("Authorization", "Bearer " + credentials.get("accessToken").orElse("")),
                        "hubspot contacts");
                return "hubspot accepted the access token";
            }
            case smtp -> {
                return SmtpAdapter.check(integration, credentials, timeout);
            }
            default -> throw new StepFailure("no check for type " + spec.type, false);
        }
    }

    /**
     * One call; a timeout, an I/O error or an interruption is a retryable failure saying what was called, an answer
     * too large to read a final one.
     */
    private OutboundHttp.Response exchange(OutboundHttp.Request request, String what) throws StepFailure {
        try {
            return http.send(request);
        } catch (HttpTimeoutException e) {
            throw new StepFailure(what + " timed out", true);
        } catch (OutboundHttp.FinalFailure e) {
            throw new StepFailure(what + " failed: " + e.getMessage(), false);   // the same outcome again: no retry
        } catch (IOException e) {
            throw new StepFailure(what + " failed: " + e.getMessage(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailure(what + " was interrupted", true);
        }
    }

    private JsonNode httpRequest(String baseUrl, ObjectNode p, Credentials credentials, Duration timeout)
            throws StepFailure {
        String method = p.path("method").asText("GET");
        String url = join(baseUrl, p.path("path").asText(""));
        OutboundHttp.Request request = OutboundHttp.request(method, uri(url), timeout);
        credentials.get("token").ifPresent(token -> request.header("Authorization", "Bearer " + token));
        p.path("headers").fields().forEachRemaining(h -> request.header(h.getKey(), h.getValue().asText()));
        JsonNode body = p.get("body");
        if (body != null && !body.isNull()) {
            request.header("Content-Type", "application/json");
            request.body(body.isTextual() ? body.asText() : body.toString());
        }
        Answer answer = send(request, method + " " + url);
        ObjectNode output = NODES.objectNode();
        output.put("status", answer.status());
        output.set("body", answer.body());
        return output;
    }

    private JsonNode slack(String baseUrl, Integration integration, ObjectNode p, Credentials credentials,
                           Duration timeout) throws StepFailure {
        ObjectNode message = p.deepCopy();
        if (!message.has("channel") && integration.getSpec().config != null
                && integration.getSpec().config.containsKey("defaultChannel")) {
            message.put("channel", integration.getSpec().config.get("defaultChannel"));
        }
        Answer answer = send(json(join(baseUrl, "/chat.postMessage"), message, bearer(credentials, "token"), timeout),
                "slack chat.postMessage");
        if (!answer.body().path("ok").asBoolean(false)) {
            String error = answer.body().path("error").asText("unknown error");
            throw new StepFailure("slack refused the message: " + error, error.equals("ratelimited"));
        }
        ObjectNode output = NODES.objectNode();
        output.put("channel", answer.body().path("channel").asText());
        output.put("ts", answer.body().path("ts").asText());
        return output;
    }

    private JsonNode chatCompletion(String baseUrl, Integration integration, ObjectNode p, Credentials credentials,
                                    Duration timeout) throws StepFailure {
        ObjectNode request = NODES.objectNode();
        String model = p.has("model") ? p.get("model").asText() : integration.getSpec().config == null ? null
                : integration.getSpec().config.get("model");
        if (model == null) {
            throw new StepFailure("no model: set params.model or config.model of the integration", false);
        }
        request.put("model", model);
        request.set("messages", p.path("messages").isArray() ? p.get("messages") : NODES.arrayNode());
        boolean jsonMode = "json".equals(p.path("responseFormat").asText());
        if (jsonMode) {
            request.putObject("response_format").put("type", "json_object");
        }
        for (String passThrough : new String[] {"temperature", "max_tokens"}) {
            if (p.has(passThrough)) {
                request.set(passThrough, p.get(passThrough));
            }
        }
        Answer answer = send(json(join(baseUrl, "/chat/completions"), request, bearer(credentials, "apiKey"), timeout),
                "chat completion");
        String content = answer.body().path("choices").path(0).path("message").path("content").asText("");
        if (jsonMode) {
            try {
                JsonNode parsed = JSON.readTree(content);
                if (parsed != null && parsed.isObject()) {
                    return parsed;
                }
            } catch (IOException e) {
                // not JSON after all
            }
            throw new StepFailure("the model did not answer with a JSON object", true);
        }
        ObjectNode output = NODES.objectNode();
        output.put("content", content);
        output.set("usage", answer.body().path("usage"));
        return output;
    }

    private JsonNode hubspot(String baseUrl, String action, ObjectNode p, Credentials credentials, Duration timeout)
            throws StepFailure {
        String token = credentials.get("accessToken").orElse("");
        if (action.equals("upsertContact")) {
            String email = p.path("email").asText("");
            if (email.isEmpty()) {
                throw new StepFailure("upsertContact needs params.email", false);
            }
            ObjectNode body = NODES.objectNode();
            ArrayNode inputs = body.putArray("inputs");
            ObjectNode input = inputs.addObject();
            input.put("idProperty", "email");
            input.put("id", email);
            ObjectNode properties = input.putObject("properties");
            properties.put("email", email);
            for (Iterator<Map.Entry<String, JsonNode>> it = p.path("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                properties.put(property.getKey(), property.getValue().isTextual() ? property.getValue().asText()
                        : property.getValue().toString());
            }
            Answer answer = send(json(join(baseUrl, "/crm/v3/objects/contacts/batch/upsert"), body,
                    "Bearer " + token, timeout), "hubspot upsert");
            JsonNode result = answer.body().path("results").path(0);
            ObjectNode output = NODES.objectNode();
            output.put("id", result.path("id").asText());
            output.set("properties", result.path("properties"));
            return output;
        }
        if (action.equals("createNote")) {
            ObjectNode body = NODES.objectNode();
            ObjectNode properties = body.putObject("properties");
            properties.put("hs_note_body", p.path("body").asText(""));
            properties.put("hs_timestamp", p.path("timestamp").asText(java.time.Instant.now().toString()));
            Answer answer = send(json(join(baseUrl, "/crm/v3/objects/notes"), body, "Bearer " + token, timeout),
                    "hubspot note");
            ObjectNode output = NODES.objectNode();
            output.put("id", answer.body().path("id").asText());
            return output;
        }
        throw new StepFailure("hubspot has no action " + action, false);
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer send(OutboundHttp.Request request, String what) throws StepFailure {
        OutboundHttp.Response response = exchange(request, what);
        int status = response.status();
        if (status >= 300) {
            boolean retryable = status == 429 || status == 408 || status >= 500;
            throw new StepFailure(what + " answered " + status, retryable);
        }
        JsonNode body;
        try {
            body = response.body().isBlank() ? NODES.objectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            body = NODES.textNode(response.body());
        }
        return new Answer(status, body);
    }

    private static OutboundHttp.Request json(String url, JsonNode body, String authorization, Duration timeout)
            throws StepFailure {
        OutboundHttp.Request request = OutboundHttp.request("POST", uri(url), timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .body(body.toString());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    private static String bearer(Credentials credentials, String name) {
        return credentials.get(name).map(v -> "Bearer " + v).orElse(null);
    }

    private static URI uri(String url) throws StepFailure {
        try {
            return OutboundHttp.uri(url);
        } catch (IllegalArgumentException e) {
            throw new StepFailure("not a valid URL: " + url, false);
        }
    }

    private static String join(String base, String path) {
        if (path.isEmpty()) {
            return base;
        }
        return base.endsWith("/") || path.startsWith("/") ? (base.endsWith("/") && path.startsWith("/")
                ? base + path.substring(1) : base + path) : base + "/" + path;
    }
}
