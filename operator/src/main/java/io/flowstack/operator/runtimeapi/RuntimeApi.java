package io.flowstack.operator.runtimeapi;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowstack.contract.RuntimePaths;
import io.flowstack.contract.SecretKeys;
import io.flowstack.contract.api.ApiError;
import io.flowstack.contract.api.ConnectivityResult;
import io.flowstack.contract.api.WorkflowState;
import io.flowstack.contract.api.WorkflowsReport;
import io.flowstack.operator.common.StackNames;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's client of the tenants' runtime API (the contract's types), authenticated with each tenant's API
 * token (read from its keys Secret once, read again after a 401, never logged).
 */
public class RuntimeApi {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final RuntimeApiSettings settings;
    private final HttpClient http;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    /**
     * The runtime could not be asked ({@link #status()} 0), or answered with an error status and, when it sent one,
     * the contract's error body.
     */
    public static class RuntimeApiException extends Exception {
        private final int status;
        private final transient ApiError error;

        public RuntimeApiException(String message, int status, ApiError error) {
            super(message);
            this.status = status;
            this.error = error;
        }

        public int status() {
            return status;
        }

        /** The reason of the runtime's error body, if it sent one. */
        public Optional<String> reason() {
            return Optional.ofNullable(error).map(ApiError::reason);
        }
    }

    public RuntimeApi(RuntimeApiSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build();
    }

    public RuntimeApiSettings settings() {
        return settings;
    }

    /** The workflows the runtime of the namespace runs, by name. */
    public Map<String, WorkflowState> workflows(KubernetesClient client, String namespace) throws RuntimeApiException {
        WorkflowsReport report = call(client, namespace, "GET", RuntimePaths.WORKFLOWS, WorkflowsReport.class);
        Map<String, WorkflowState> states = new LinkedHashMap<>();
        if (report.workflows() != null) {
            report.workflows().forEach(state -> states.put(state.name(), state));
        }
        return states;
    }

    /** Asks the runtime to check an Integration; 404 with reason unknown_integration: the runtime does not have it. */
    public ConnectivityResult check(KubernetesClient client, String namespace, String integration)
            throws RuntimeApiException {
        return call(client, namespace, "POST", RuntimePaths.integrationCheck(integration), ConnectivityResult.class);
    }

    private <T> T call(KubernetesClient client, String namespace, String method, String path, Class<T> type)
            throws RuntimeApiException {
        for (int attempt = 0; attempt < 2; attempt++) {
            HttpResponse<String> response = send(namespace, method, path, token(client, namespace));
            if (response.statusCode() == 401 && attempt == 0) {
                tokens.remove(namespace);   // rotated: read the Secret again
                continue;
            }
            if (response.statusCode() != 200) {
                throw new RuntimeApiException(method + " " + path + " answered " + response.statusCode() + ": "
                        + abbreviate(response.body()), response.statusCode(), errorBody(response.body()));
            }
            try {
                return JSON.readValue(response.body(), type);
            } catch (IOException e) {
                throw new RuntimeApiException(method + " " + path + " answered no valid JSON", 200, null);
            }
        }
        throw new RuntimeApiException("the runtime of " + namespace + " refused the API token", 401, null);
    }

    private HttpResponse<String> send(String namespace, String method, String path, String token)
            throws RuntimeApiException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.url(namespace) + path))
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RuntimeApiException("the runtime API of " + namespace + " is unreachable: "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), 0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeApiException("interrupted", 0, null);
        }
    }

    private static ApiError errorBody(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readValue(body, ApiError.class);
        } catch (IOException e) {
            return null;
        }
    }

    private String token(KubernetesClient client, String namespace) throws RuntimeApiException {
        String cached = tokens.get(namespace);
        if (cached != null) {
            return cached;
        }
        Secret keys = client.secrets().inNamespace(namespace).withName(StackNames.KEYS_SECRET).get();
        if (keys == null || keys.getData() == null || !keys.getData().containsKey(SecretKeys.API_TOKEN)) {
            throw new RuntimeApiException("no API token in Secret " + StackNames.KEYS_SECRET + " of " + namespace, 0,
                    null);
        }
        String token = new String(Base64.getDecoder().decode(keys.getData().get(SecretKeys.API_TOKEN)),
                StandardCharsets.UTF_8);
        tokens.put(namespace, token);
        return token;
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
