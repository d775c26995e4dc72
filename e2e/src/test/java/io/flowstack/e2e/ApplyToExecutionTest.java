package io.flowstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.common.FlowstackStatus;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.crds.webhook.WebhookSignature;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.definitions.Admitted;
import io.flowstack.operator.runtimeapi.RuntimeApiSettings;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.tenant.desired.SecretValues;
import io.flowstack.operator.testing.Edits;
import io.flowstack.operator.testing.Eventually;
import io.flowstack.operator.testing.TestingCluster;
import io.flowstack.operator.testing.TestingOperator;
import io.flowstack.operator.testing.TestingWorkloads;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From kubectl apply to a running execution: the operator (against the API server stand-in) provisions a tenant on a
 * real PostgreSQL (Shared mode), projects an Integration and a webhook Workflow; the built runtime runs as a process
 * with the environment and mounted files the kubelet would give it; a signed webhook runs the workflow against a
 * local service, and the Workflow's status shows the execution. Edits change the revision the runtime runs; an
 * invalid edit leaves the previous revision running and the status says why.
 */
class ApplyToExecutionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String NS = "tenant-acme";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;
    private EmbeddedPostgres postgres;
    private TestingCluster cluster;
    private KubernetesClient client;
    private TestingOperator operator;
    private TestingWorkloads workloads;
    private TestingKubelet kubelet;
    private Process runtime;
    private HttpServer crm;
    private final List<String> crmRequests = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private int runtimePort;

    @BeforeEach
    void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        crm = HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        crm.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            crmRequests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            byte[] answer = "{\"id\": \"contact-1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        crm.start();
        try (ServerSocket socket = new ServerSocket(0)) {
            runtimePort = socket.getLocalPort();
        }
        cluster = new TestingCluster();
        client = cluster.client();
        operator = new TestingOperator(client, OperatorSettings.defaults(), SecretValues.secure(), Clock.systemUTC(),
                new RuntimeApiSettings("http://127.0.0.1:" + runtimePort, Duration.ofSeconds(1), Duration.ofMinutes(10),
                        Duration.ofSeconds(5))).start();
        workloads = new TestingWorkloads(client).start();
    }

    @AfterEach
    void stop() throws IOException, InterruptedException {
        if (runtime != null) {
            runtime.destroy();
            runtime.waitFor();
        }
        if (kubelet != null) {
            kubelet.close();
        }
        workloads.close();
        operator.close();
        cluster.close();
        crm.stop(0);
        postgres.close();
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private String secretValue(String secret, String key) {
        return new String(Base64.getDecoder().decode(client.secrets().inNamespace(NS).withName(secret).get().getData()
                .get(key)), StandardCharsets.UTF_8);
    }

    private Condition condition(Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>> type, String name,
                                String conditionType) {
        var status = (FlowstackStatus) client.resources(type).inNamespace(NS).withName(name).get().getStatus();
        assertThat(status).as("status of %s", name).isNotNull();
        return Conditions.find(status.conditions, conditionType).orElseThrow(() -> new AssertionError(
                "no " + conditionType + " on " + name + ": " + status.conditions));
    }

    private Workflow workflow() {
        return client.resources(Workflow.class).inNamespace(NS).withName("lead-intake").get();
    }

    /** The runtime process, started with what the kubelet resolved from the Deployment. */
    private void startRuntime() throws IOException {
        Path jar = Path.of(System.getProperty("user.dir")).getParent().resolve("runtime/target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("the runtime is built by the reactor before this module").exists();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString());
        builder.environment().putAll(kubelet.environment("runtime"));
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(runtimePort));
        builder.environment().put("FLOWSTACK_JSON_LOGS", "false");
        Path log = Path.of(System.getProperty("user.dir")).resolve("target/e2e-runtime.log");
        Files.createDirectories(log.getParent());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        runtime = builder.start();
    }

    /** A webhook call as a tenant's form would send it: signed now with the tenant's webhook key. */
    private HttpResponse<String> postSigned(WebhookSignature signer, String path, byte[] body)
            throws IOException, InterruptedException {
        long now = Instant.now().getEpochSecond();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtimePort + "/webhooks/" + path))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now))
                .header(WebhookSignature.SIGNATURE_HEADER, signer.sign(now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** How often the operator has asked the runtime for its workflows, from the runtime's HTTP server metrics. */
    private double workflowPolls() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtimePort
                    + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            return response.body().lines()
                    .filter(l -> l.startsWith("http_server_requests_seconds_count{") && l.contains("uri=\"/api/workflows\"")
                            && l.contains("method=\"GET\""))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the runtime itself says it runs, asked directly. */
    private Map<String, String> runtimeRevisions() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtimePort
                    + "/api/workflows")).header("Authorization", "Bearer " + secretValue("flowstack-keys", "api-token"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> revisions = new java.util.TreeMap<>();
            for (JsonNode workflow : JSON.readTree(response.body()).path("workflows")) {
                revisions.put(workflow.path("name").asText(), workflow.path("revision").asText());
            }
            return revisions;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSignedWebhookRunsTheAppliedWorkflowAndItsStatusShowsIt() throws Exception {
        // the platform team: one Tenant on the shared PostgreSQL server
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("flowstack-system").endMetadata()
                .build()).create();
        client.secrets().inNamespace("flowstack-system").resource(new SecretBuilder().withNewMetadata()
                .withName("shared-postgres-admin").withNamespace("flowstack-system").endMetadata()
                .withData(Map.of("host", b64("127.0.0.1"), "port", b64(Integer.toString(postgres.getPort())),
                        "user", b64("postgres"), "password", b64("postgres"), "sslmode", b64("disable")))
                .build()).create();
        client.resource(Serialization.unmarshal("""
                apiVersion: flowstack.io/v1alpha1
                kind: Tenant
                metadata: {name: acme}
                spec:
                  displayName: Acme
                  database:
                    mode: Shared
                    adminSecretRef: {name: shared-postgres-admin, namespace: flowstack-system}
                """, Tenant.class)).create();
        Eventually.within(TIMEOUT, () -> assertThat(Conditions.isTrue(
                client.resources(Tenant.class).withName("acme").get().getStatus().conditions, "Ready")).isTrue());

        // the tenant's team: a Secret, an Integration and a webhook Workflow
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("crm-credentials")
                .withNamespace(NS).endMetadata().withData(Map.of("token", b64("crm-token-123"), "other", b64("not-mounted")))
                .build()).create();
        client.resource(Serialization.unmarshal("""
                apiVersion: flowstack.io/v1alpha1
                kind: Integration
                metadata: {name: crm, namespace: %s}
                spec:
                  type: http
                  baseUrl: "http://127.0.0.1:%d"
                  secretRef: {name: crm-credentials}
                """.formatted(NS, crm.getAddress().getPort()), Integration.class)).create();
        Workflow applied = Serialization.unmarshal("""
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: lead-intake, namespace: %s}
                spec:
                  trigger:
                    webhook: {path: leads}
                  input:
                    properties:
                      email: {type: string}
                    required: [email]
                  steps:
                    - name: store
                      type: integration
                      integration:
                        integrationRef: crm
                        action: request
                        params: {method: POST, path: /contacts, body: {email: "${{ input.email }}"}}
                    - name: answer
                      type: transform
                      transform: {output: {contact: "${{ steps.store.output.body.id }}", version: 1}}
                """.formatted(NS), Workflow.class);
        client.resource(applied).create();

        // the Integration's Secret key joins the pod template (a rollout); the kubelet then starts the pod: it
        // mounts what the operator projected and runs the runtime
        Eventually.within(TIMEOUT, () -> assertThat(client.apps().deployments().inNamespace(NS).withName("flowstack-runtime")
                .get().getSpec().getTemplate().getSpec().getVolumes()).anyMatch(v -> v.getName().equals("credentials")));
        kubelet = new TestingKubelet(client, NS, "flowstack-runtime", workDir).start();
        startRuntime();
        Path definitions = kubelet.hostPath("/etc/flowstack/definitions");
        Path secrets = kubelet.hostPath("/etc/flowstack/secrets");
        Eventually.within(TIMEOUT, () -> {
            assertThat(definitions.resolve("workflow.lead-intake.yaml")).exists();
            assertThat(definitions.resolve("integration.crm.yaml")).exists();
            assertThat(secrets.resolve("crm-credentials/token")).hasContent("crm-token-123");
        });
        assertThat(secrets.resolve("crm-credentials/other")).doesNotExist();

        String first = Admitted.revision(applied);
        Eventually.within(TIMEOUT, () -> {
            Condition ready = condition(Workflow.class, "lead-intake", "Ready");
            assertThat(ready.reason).as(ready.message).isEqualTo("Running");
            assertThat(workflow().getStatus().revision).isEqualTo(first);
            assertThat(condition(Integration.class, "crm", "Connected").status.name()).isEqualTo("True");
        });

        // a signed webhook starts an execution; it calls the CRM with the mounted credential
        byte[] body = "{\"email\": \"ada@example.com\"}".getBytes(StandardCharsets.UTF_8);
        WebhookSignature signer = new WebhookSignature(secretValue("flowstack-keys", "webhook-signing-key"));
        HttpResponse<String> accepted = postSigned(signer, "leads", body);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String execution = JSON.readTree(accepted.body()).path("id").asText();

        Eventually.within(TIMEOUT, () -> {
            var status = workflow().getStatus();
            assertThat(status.lastExecution).isNotNull();
            assertThat(status.lastExecution.id).isEqualTo(execution);
            assertThat(status.lastExecution.phase).isEqualTo("succeeded");
            assertThat(status.lastExecution.endTime).isNotNull();
            assertThat(status.successRate24h).isEqualTo(1.0);
        });
        // the connectivity check (a GET of the base URL) and the workflow's call, both with the mounted credential
        assertThat(crmRequests).containsExactly("GET / Bearer crm-token-123 ",
                "POST /contacts Bearer crm-token-123 {\"email\":\"ada@example.com\"}");

        // the runtime is polled every second, but statuses are written only when something changed or ran: three
        // polls are counted in the runtime's own request metrics, then the writes
        Map<String, Long> before = cluster.dispatcher().writesByResource();
        double polled = workflowPolls();
        Eventually.within(TIMEOUT, () -> assertThat(workflowPolls()).as("polls of GET /api/workflows")
                .isGreaterThanOrEqualTo(polled + 3));
        Map<String, Long> after = cluster.dispatcher().writesByResource();
        assertThat(after.get("workflows/status")).isEqualTo(before.get("workflows/status"));
        assertThat(after.get("integrations/status")).isEqualTo(before.get("integrations/status"));

        // an edit reaches the runtime: a new revision within one reconcile plus the runtime's reload interval
        Workflow edited = Edits.edit(client.resources(Workflow.class).inNamespace(NS).withName("lead-intake"), w -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) w.getSpec().steps.get(1).transform.output).put("version", 2);
            return w;
        });
        String second = Admitted.revision(edited);
        assertThat(second).isNotEqualTo(first);
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(runtimeRevisions()).containsEntry("lead-intake", second));
        Eventually.within(TIMEOUT, () -> {
            assertThat(workflow().getStatus().revision).isEqualTo(second);
            assertThat(condition(Workflow.class, "lead-intake", "Ready").reason).isEqualTo("Running");
        });

        // an invalid edit: the runtime keeps running the last valid revision, and the status says why
        Edits.edit(client.resources(Workflow.class).inNamespace(NS).withName("lead-intake"), w -> {
            w.getSpec().steps.get(0).needs = List.of("answer");
            return w;
        });
        Eventually.within(TIMEOUT, () -> {
            Workflow current = workflow();
            assertThat(current.getStatus().observedGeneration).isEqualTo(current.getMetadata().getGeneration());
            assertThat(condition(Workflow.class, "lead-intake", "Valid").message).contains("spec.steps[0].needs[0]");
            assertThat(condition(Workflow.class, "lead-intake", "Deployed").reason).isEqualTo("PreviousRevision");
            Condition ready = condition(Workflow.class, "lead-intake", "Ready");
            assertThat(ready.reason).isEqualTo("InvalidSpec");
            assertThat(ready.message).contains("the runtime runs revision " + second);
            assertThat(current.getStatus().revision).isEqualTo(second);
        });
        // the invalid edit never reaches the definitions ConfigMaps (Deployed: PreviousRevision), so the runtime goes on
        assertThat(runtimeRevisions()).containsEntry("lead-intake", second);
        assertThat(runtime.isAlive()).isTrue();

        // suspend stops the triggers: the webhook is refused while the workflow stays loaded
        Edits.edit(client.resources(Workflow.class).inNamespace(NS).withName("lead-intake"), w -> {
            w.getSpec().steps.get(0).needs = null;
            w.getSpec().suspend = true;
            return w;
        });
        Eventually.within(TIMEOUT, () -> assertThat(condition(Workflow.class, "lead-intake", "Ready").reason)
                .isEqualTo("Suspended"));
        HttpResponse<String> refused = postSigned(signer, "leads", body);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("suspended");

        // deleting the Workflow removes it from the runtime
        client.resources(Workflow.class).inNamespace(NS).withName("lead-intake").delete();
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(runtimeRevisions()).doesNotContainKey("lead-intake"));
    }
}
