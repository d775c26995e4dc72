package io.flowstack.runtime.integrations;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The HTTP client workflows call the outside world with (http steps and integrations): one per runtime, so
 * connections to a service are reused across executions and workers. The benchmark builds it here too, so it
 * measures the client that ships.
 */
public final class OutboundHttp {
    /** How long opening a connection may take; a step's own timeout bounds the whole call. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private OutboundHttp() {
    }

    public static HttpClient client() {
        return HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }
}
