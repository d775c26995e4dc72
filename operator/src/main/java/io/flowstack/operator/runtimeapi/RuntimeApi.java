package io.flowstack.operator.runtimeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowstack.operator.tenant.TenantNames;
import io.flowstack.operator.tenant.desired.SecretsDesired;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's client of the tenants' runtime API, authenticated with each tenant's API token (read from its keys
 * Secret once, read again after a 401, never logged).
 */
public class RuntimeApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RuntimeApiSettings settings;
    private final HttpClient http;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    /** The runtime could not be asked, or answered something unexpected. */
    public static class RuntimeApiException extends Exception {
        public RuntimeApiException(String message) {
            super(message);
        }
    }

    /** The outcome of a connectivity check. */
    public record Check(boolean connected, String message) {
    }

    public RuntimeApi(RuntimeApiSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build();
    }

    public RuntimeApiSettings settings() {
        return settings;
    }

    /** The workflows the runtime of the namespace runs, by name. */
    public Map<String, WorkflowReport> workflows(KubernetesClient client, String namespace) throws RuntimeApiException {
        JsonNode body = call(client, namespace, "GET", "/api/workflows");
        Map<String, WorkflowReport> reports = new LinkedHashMap<>();
        for (JsonNode workflow : body.path("workflows")) {
            JsonNode last = workflow.path("lastExecution");
            reports.put(workflow.path("name").asText(), new WorkflowReport(workflow.path("name").asText(),
                    workflow.path("revision").asText(null), workflow.path("suspended").asBoolean(false),
                    text(last, "id"), text(last, "phase"), text(last, "startTime"), text(last, "endTime"),
                    workflow.hasNonNull("successRate24h") ? workflow.get("successRate24h").asDouble() : null));
        }
        return reports;
    }

    /** Asks the runtime to check an Integration; a 404 means the runtime does not have it (yet). */
    public Check check(KubernetesClient client, String namespace, String integration) throws RuntimeApiException {
        JsonNode body = call(client, namespace, "POST", "/api/integrations/"
                + URLEncoder.encode(integration, StandardCharsets.UTF_8) + "/check");
        return new Check(body.path("connected").asBoolean(false), body.path("message").asText(""));
    }

    private JsonNode call(KubernetesClient client, String namespace, String method, String path)
            throws RuntimeApiException {
        for (int attempt = 0; attempt < 2; attempt++) {
            String token = token(client, namespace);
            HttpRequest request = HttpRequest.newBuilder(URI.create(settings.url(namespace) + path))
                    .timeout(settings.requestTimeout())
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json")
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .build();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new RuntimeApiException("the runtime API of " + namespace + " is unreachable: " + (e.getMessage() != null
                        ? e.getMessage() : e.getClass().getSimpleName()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RuntimeApiException("interrupted");
            }
            if (response.statusCode() == 401 && attempt == 0) {
                tokens.remove(namespace);   // rotated: read the Secret again
                continue;
            }
            if (response.statusCode() != 200) {
                throw new RuntimeApiException(method + " " + path + " answered " + response.statusCode() + ": "
                        + abbreviate(response.body()));
            }
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new RuntimeApiException(method + " " + path + " answered no JSON");
            }
        }
        throw new RuntimeApiException("the runtime of " + namespace + " refused the API token");
    }

    private String token(KubernetesClient client, String namespace) throws RuntimeApiException {
        String cached = tokens.get(namespace);
        if (cached != null) {
            return cached;
        }
        Secret keys = client.secrets().inNamespace(namespace).withName(TenantNames.KEYS_SECRET).get();
        if (keys == null || keys.getData() == null || !keys.getData().containsKey(SecretsDesired.API_TOKEN)) {
            throw new RuntimeApiException("no API token in Secret " + TenantNames.KEYS_SECRET + " of " + namespace);
        }
        String token = new String(Base64.getDecoder().decode(keys.getData().get(SecretsDesired.API_TOKEN)),
                StandardCharsets.UTF_8);
        tokens.put(namespace, token);
        return token;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
