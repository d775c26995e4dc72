package io.flowstack.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.internal.OperationSupport;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Writes of one object — a server-side apply of the object or of its status, a create — sent through the client's own
 * HTTP client (its authentication, interceptors and retries on 5xx and I/O errors) to a URL whose kind part is built
 * once per kind. They are the requests fabric8's {@code resource(o).fieldManager(m).forceConflicts().serverSideApply()},
 * {@code resource(o).subresource("status").patch(<server-side apply, forced, m>)} and {@code resource(o).create()}
 * send — a test compares them byte for byte — without those calls' operation layer, which builds every request's URL
 * with regular expressions and URI parsing: a sixth of a new Tenant's reconcile CPU in the tenant benchmark. The body
 * is written by {@link RequestBodies}. The answer is fabric8's too, and read where fabric8 reads it, on the thread that
 * completes the response rather than the caller's: the object the API server returned, typed, or a
 * {@link KubernetesClientException} with the server's Status and code.
 */
public final class ObjectWrites {
    static final String APPLY_PATCH = "application/apply-patch+yaml";
    static final String JSON = "application/json";
    /** "api/v1/" or "apis/group/version/", the plural and whether the kind is namespaced, by kind. */
    private static final Map<Class<?>, Kind> KINDS = new ConcurrentHashMap<>();

    private record Kind(String prefix, String plural, boolean namespaced) {
        static Kind of(Class<?> type) {
            @SuppressWarnings("unchecked")
            Class<? extends HasMetadata> kind = (Class<? extends HasMetadata>) type;
            String apiVersion = HasMetadata.getApiVersion(kind);
            return new Kind(apiVersion.contains("/") ? "apis/" + apiVersion + "/" : "api/" + apiVersion + "/",
                    HasMetadata.getPlural(kind), Namespaced.class.isAssignableFrom(type));
        }
    }

    private ObjectWrites() {
    }

    /** Applies {@code object} as {@code fieldManager}, taking over conflicting fields; returns the server's answer. */
    public static <R extends HasMetadata> R apply(KubernetesClient client, R object, Class<R> type,
                                                  String fieldManager) {
        return send(client, forcedApply(client, object, type, "", fieldManager), "PATCH", APPLY_PATCH, object, type);
    }

    /**
     * Applies {@code object}'s status to the status subresource as {@code fieldManager}, taking over conflicting
     * fields; returns the server's answer. With a resourceVersion in {@code object}, a newer object is a 409.
     */
    public static <R extends HasMetadata> R applyStatus(KubernetesClient client, R object, Class<R> type,
                                                        String fieldManager) {
        return send(client, forcedApply(client, object, type, "/status", fieldManager), "PATCH", APPLY_PATCH, object,
                type);
    }

    /** The URL of a forced apply as {@code fieldManager} to the object, or to its {@code subresource} ("/status"). */
    private static String forcedApply(KubernetesClient client, HasMetadata object, Class<?> type, String subresource,
                                      String fieldManager) {
        return collection(client, object, type).append('/').append(object.getMetadata().getName()).append(subresource)
                .append("?fieldManager=").append(URLEncoder.encode(fieldManager, StandardCharsets.UTF_8))
                .append("&force=true").toString();
    }

    /** Creates {@code object} (an object of that name that exists already is a 409); returns the server's answer. */
    public static <R extends HasMetadata> R create(KubernetesClient client, R object, Class<R> type) {
        return send(client, collection(client, object, type).toString(), "POST", JSON, object, type);
    }

    private static <R extends HasMetadata> R send(KubernetesClient client, String url, String method,
                                                  String contentType, R object, Class<R> type) {
        KubernetesSerialization serialization = client.getKubernetesSerialization();
        HttpRequest.Builder builder = client.getHttpClient().newHttpRequestBuilder().uri(url)
                .method(method, contentType, RequestBodies.json(serialization, object));
        int timeout = client.getConfiguration().getRequestTimeout();
        if (timeout > 0) {
            builder.timeout(timeout, TimeUnit.MILLISECONDS);
        }
        HttpRequest request = builder.build();
        CompletableFuture<R> answer = client.getHttpClient().sendAsync(request, byte[].class).thenApply(response -> {
            if (!response.isSuccessful()) {
                throw OperationSupport.requestFailure(request, OperationSupport.createStatus(response, serialization));
            }
            return serialization.unmarshal(new ByteArrayInputStream(response.body()), type);
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(true);
            throw OperationSupport.requestException(request, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof KubernetesClientException refused) {
                throw refused;
            }
            throw OperationSupport.requestException(request, cause, null);
        }
    }

    /** The URL of the object's collection: the API server's, its kind's (in the object's namespace). */
    static StringBuilder collection(KubernetesClient client, HasMetadata object, Class<?> type) {
        Kind kind = KINDS.computeIfAbsent(type, Kind::of);
        String master = client.getConfiguration().getMasterUrl();
        StringBuilder url = new StringBuilder(master.length() + 128).append(master);
        if (!master.endsWith("/")) {
            url.append('/');
        }
        url.append(kind.prefix());
        if (kind.namespaced()) {
            String namespace = object.getMetadata().getNamespace();
            url.append("namespaces/").append(namespace != null ? namespace : client.getNamespace()).append('/');
        }
        return url.append(kind.plural());
    }
}
