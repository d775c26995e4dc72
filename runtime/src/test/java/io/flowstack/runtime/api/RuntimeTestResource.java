package io.flowstack.runtime.api;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/** A real PostgreSQL and a definitions directory for the runtime service under test. */
public class RuntimeTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String API_TOKEN = "test-api-token";
    public static final String WEBHOOK_KEY = "test-webhook-signing-key";
    private EmbeddedPostgres postgres;
    private HttpServer reachable;

    @Override
    public Map<String, String> start() {
        try {
            postgres = EmbeddedPostgres.builder().start();
            Path definitions = Files.createTempDirectory("flowstack-definitions");
            Files.writeString(definitions.resolve("hello.yaml"), """
                    apiVersion: flowstack.io/v1alpha1
                    kind: Workflow
                    metadata: {name: hello}
                    spec:
                      trigger: {manual: {}}
                      input:
                        properties:
                          name: {type: string, minLength: 1}
                        required: [name]
                      steps:
                        - name: greet
                          type: transform
                          transform: {output: {greeting: "Hello ${{ input.name }}"}}
                    """);
            Files.writeString(definitions.resolve("lead.yaml"), """
                    apiVersion: flowstack.io/v1alpha1
                    kind: Workflow
                    metadata: {name: lead}
                    spec:
                      trigger:
                        webhook: {path: leads, maxBodyBytes: 200, rateLimitPerMinute: 50}
                      input:
                        properties:
                          email: {type: string}
                        required: [email]
                      steps:
                        - name: record
                          type: transform
                          transform: {output: {lead: "${{ input.email }}"}}
                    """);
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            Files.writeString(definitions.resolve("flaky.yaml"), """
                    apiVersion: flowstack.io/v1alpha1
                    kind: Workflow
                    metadata: {name: flaky}
                    spec:
                      trigger: {manual: {}}
                      steps:
                        - name: call
                          type: http
                          http: {url: "http://127.0.0.1:%d/down"}
                          retry: {maxAttempts: 2, backoff: {initial: 1s, max: 1s}}
                    """.formatted(closedPort));
            Files.writeString(definitions.resolve("crm.yaml"), """
                    apiVersion: flowstack.io/v1alpha1
                    kind: Integration
                    metadata: {name: crm}
                    spec:
                      type: http
                      baseUrl: "http://127.0.0.1:%d"
                    ---
                    apiVersion: flowstack.io/v1alpha1
                    kind: Workflow
                    metadata: {name: sync}
                    spec:
                      trigger: {manual: {}}
                      steps:
                        - name: push
                          type: integration
                          integration: {integrationRef: crm, action: request, params: {method: POST, path: /contacts}}
                    """.formatted(closedPort));
            // a service that answers, for the integration connectivity check
            reachable = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            reachable.createContext("/", exchange -> {
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            reachable.start();
            Files.writeString(definitions.resolve("counted.yaml"), """
                    apiVersion: flowstack.io/v1alpha1
                    kind: Integration
                    metadata: {name: reachable}
                    spec:
                      type: http
                      baseUrl: "http://127.0.0.1:%d/"
                    ---
                    apiVersion: flowstack.io/v1alpha1
                    kind: Workflow
                    metadata: {name: counted}
                    spec:
                      trigger: {manual: {}}
                      steps:
                        - name: echo
                          type: transform
                          transform: {output: {ok: true}}
                    """.formatted(reachable.getAddress().getPort()));
            Files.writeString(definitions.resolve("limited.yaml"), """
                    apiVersion: flowstack.io/v1alpha1
                    kind: Workflow
                    metadata: {name: limited}
                    spec:
                      trigger:
                        manual: {}
                        webhook: {path: limited, rateLimitPerMinute: 3}
                      input:
                        properties:
                          n: {type: integer}
                        required: [n]
                      steps:
                        - name: echo
                          type: transform
                          transform: {output: {n: "${{ input.n }}"}}
                    """);
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            return Map.of(
                    "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                    "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "postgres",
                    "flowstack.definitions-dir", definitions.toString(),
                    "flowstack.encryption-key", Base64.getUrlEncoder().withoutPadding().encodeToString(key),
                    "flowstack.api-token", API_TOKEN,
                    "flowstack.webhook-signing-key", WEBHOOK_KEY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (reachable != null) {
            reachable.stop(0);
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
