package io.flowstack.operator.runtimeapi;

import java.time.Duration;

/**
 * How the operator reaches the tenants' runtimes: the API's URL ({@code {namespace}} replaced by the tenant's
 * namespace), how often each runtime is asked for its workflows' state, and how often a connected Integration is
 * checked again.
 */
public record RuntimeApiSettings(String urlTemplate, Duration statusInterval, Duration connectedInterval,
                                 Duration requestTimeout) {
    public static RuntimeApiSettings defaults() {
        return new RuntimeApiSettings("http://flowstack-runtime.{namespace}.svc:8080", Duration.ofSeconds(30),
                Duration.ofMinutes(10), Duration.ofSeconds(15));
    }

    public String url(String namespace) {
        return urlTemplate.replace("{namespace}", namespace);
    }
}
