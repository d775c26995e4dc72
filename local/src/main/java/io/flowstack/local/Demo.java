package io.flowstack.local;

import io.flowstack.contract.ExecutionStatus;
import io.flowstack.contract.RuntimePaths;
import io.flowstack.contract.api.ExecutionView;
import io.flowstack.contract.api.StartedExecution;
import io.flowstack.contract.SecretKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.sun.net.httpserver.HttpServer;
import io.flowstack.crds.webhook.WebhookSignature;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * {@code flowstack demo}: the examples' lead-enrichment workflow, end to end, on this machine. Local stand-ins play the
 * enrichment API, the OpenAI-compatible model, HubSpot and Slack; the runtime runs on an embedded PostgreSQL; a signed
 * webhook posts a lead; the demo follows the execution and prints what each step did and where to look.
 */
final class Demo {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    private final Path root;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    Demo(Path root) {
        this.root = root;
    }

    int run() throws Exception {
        Path state = root.resolve(".flowstack");
        Path demo = state.resolve("demo");
        HttpServer services = standIns();
        String servicesUrl = "http://127.0.0.1:" + services.getAddress().getPort();
        Path definitions = prepareDefinitions(demo.resolve("definitions"), servicesUrl);
        Path secrets = prepareSecrets(demo.resolve("secrets"));
        int port = freePort();
        System.out.println("Flowstack demo: the lead-enrichment workflow of examples/acme, end to end");
        try (EmbeddedPostgres postgres = Local.startDatabase(state)) {
            Map<String, String> keys = Local.keys(state);
            Process runtime = Local.startRuntime(root, postgres, definitions, secrets, keys, "127.0.0.1", port,
                    false);
            try {
                Local.awaitReady(port, runtime);
                System.out.println("  runtime ready on http://localhost:" + port + " (PostgreSQL embedded, port "
                        + postgres.getPort() + ")");
                String body = "{\"email\": \"jane@acme.example\", \"name\": \"Jane Doe\", \"company\": \"Acme\","
                        + " \"message\": \"We need automation for 40 people\"}";
                long timestamp = Instant.now().getEpochSecond();
                String signature = new WebhookSignature(keys.get(SecretKeys.WEBHOOK_SIGNING_KEY))
                        .sign(timestamp, body.getBytes(StandardCharsets.UTF_8));
                HttpClient client = HttpClient.newHttpClient();
                HttpResponse<String> accepted = client.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/webhooks/leads"))
                        .header("Content-Type", "application/json")
                        .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                        .header(WebhookSignature.SIGNATURE_HEADER, signature)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                System.out.println("  POST /webhooks/leads (signed) -> " + accepted.statusCode() + " " + accepted.body());
                if (accepted.statusCode() != 202) {
                    return 1;
                }
                String id = JSON.readValue(accepted.body(), StartedExecution.class).id();
                ExecutionView execution = follow(client, port, id, keys.get(SecretKeys.API_TOKEN));
                System.out.println("  execution " + id + ": " + execution.status());
                for (ExecutionView.StepView step : execution.steps()) {
                    System.out.println("    step " + step.name() + ": " + step.status()
                            + (step.output() == null || step.output().isNull() ? "" : " -> " + step.output()));
                }
                System.out.println("  calls the stand-in services received:");
                calls.forEach(call -> System.out.println("    " + call));
                System.out.println("  the runtime stops with the demo; its log is .flowstack/runtime.log. To keep exploring"
                        + " (API, /q/metrics, /q/openapi):");
                System.out.println("    ./flowstack runtime --definitions .flowstack/demo/definitions"
                        + " --secrets .flowstack/demo/secrets");
                return execution.status() == ExecutionStatus.succeeded ? 0 : 1;
            } finally {
                Local.stopInOrder(runtime, postgres);
                services.stop(0);
            }
        }
    }

    private ExecutionView follow(HttpClient client, int port, String id, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ExecutionView execution = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + RuntimePaths.API + "/executions/" + id))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            execution = JSON.readValue(response.body(), ExecutionView.class);
            if (execution.status().finished()) {
                return execution;
            }
            Thread.sleep(200);
        }
        return execution;
    }

    /** The examples' workflows and integrations, with the integrations pointed at the local stand-ins. */
    private Path prepareDefinitions(Path target, String servicesUrl) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(root.resolve("examples/acme"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("integration-")
                    || f.getFileName().toString().equals("workflow-lead-enrichment.yaml")).toList()) {
                ObjectNode object = (ObjectNode) YAML.readTree(file.toFile());
                if ("Integration".equals(object.path("kind").asText())) {
                    ((ObjectNode) object.path("spec")).put("baseUrl",
                            servicesUrl + "/" + object.path("metadata").path("name").asText());
                }
                YAML.writeValue(target.resolve(file.getFileName()).toFile(), object);
            }
        }
        return target;
    }

    private static Path prepareSecrets(Path target) {
        Map<String, Map<String, String>> secrets = Map.of("enrichment-api", Map.of("token", "demo-enrichment-token"),
                "openai", Map.of("api-key", "demo-openai-key"), "hubspot", Map.of("accessToken", "demo-hubspot-token"),
                "slack-bot", Map.of("bot-token", "demo-slack-token"));
        secrets.forEach((secret, keys) -> keys.forEach((key, value) ->
                Local.write(target.resolve(secret).resolve(key), value)));
        return target;
    }

    /** Local stand-ins for the enrichment API, the model, HubSpot and Slack. */
    private HttpServer standIns() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            calls.add(exchange.getRequestMethod() + " " + path);
            exchange.getRequestBody().readAllBytes();
            String answer = switch (path) {
                case "/enrichment-api/people/find" -> "{\"title\": \"Head of Operations\", \"employees\": 40}";
                case "/openai/chat/completions" -> "{\"choices\": [{\"message\": {\"content\":"
                        + " \"{\\\"score\\\": 82, \\\"reason\\\": \\\"Operations lead at a 40-person company\\\"}\"}}]}";
                case "/hubspot/crm/v3/objects/contacts/batch/upsert" -> "{\"results\": [{\"id\": \"4711\", \"properties\": {}}]}";
                case "/slack/chat.postMessage" -> "{\"ok\": true, \"channel\": \"C0DEMO\", \"ts\": \"1732270000.000100\"}";
                default -> null;
            };
            byte[] bytes = (answer == null ? "{}" : answer).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
