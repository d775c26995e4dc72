package io.flowstack.runtime.engine;

import io.flowstack.contract.ExecutionStatus;
import io.flowstack.runtime.integrations.IntegrationSteps;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowstack.runtime.MutableClock;
import io.flowstack.runtime.TestingDatabase;
import io.flowstack.runtime.TestingHttpStub;
import io.flowstack.runtime.crypto.Sealer;
import io.flowstack.runtime.definitions.Definitions;
import io.flowstack.runtime.integrations.MountedIntegrations;
import io.flowstack.runtime.store.Execution;
import io.flowstack.runtime.store.ExecutionStore;
import java.io.IOException;
import io.flowstack.runtime.http.OutboundHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples' lead-enrichment workflow end to end: enrichment API (http), OpenAI-compatible scoring, HubSpot upsert,
 * Slack notice, each answered by a local stub that checks what the real service would, with credentials from mounted
 * Secret files.
 */
class IntegrationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestingDatabase database;
    private TestingHttpStub stub;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

    @BeforeEach
    void start() {
        database = new TestingDatabase();
        stub = new TestingHttpStub();
    }

    @AfterEach
    void stop() {
        stub.close();
        database.close();
    }

    private static void secret(Path dir, String name, String key, String value) throws IOException {
        Files.createDirectories(dir.resolve(name));
        Files.writeString(dir.resolve(name).resolve(key), value);
    }

    @Test
    void runsTheLeadEnrichmentExampleAgainstStubbedServices(@TempDir Path secrets) throws Exception {
        Definitions definitions = new Definitions(Path.of("").toAbsolutePath().getParent().resolve("examples/acme"));
        assertThat(definitions.reload().problems()).isEmpty();
        definitions.integrations().values().forEach(i -> i.getSpec().baseUrl = stub.url("/" + i.getMetadata().getName()));
        secret(secrets, "enrichment-api", "token", "enrich-token-1");
        secret(secrets, "openai", "api-key", "sk-test-2");
        secret(secrets, "hubspot", "accessToken", "pat-test-3");
        secret(secrets, "slack-bot", "bot-token", "xoxb-test-4");
        AtomicInteger score = new AtomicInteger(85);
        stub.answer(request -> switch (request.path().replaceAll("\\?.*", "")) {
            case "/enrichment-api/people/find" -> new TestingHttpStub.Answer(200, "{\"title\": \"CTO\"}");
            case "/openai/chat/completions" -> new TestingHttpStub.Answer(200, "{\"choices\": [{\"message\": {\"content\":"
                    + " \"{\\\"score\\\": " + score.get() + ", \\\"reason\\\": \\\"decision maker\\\"}\"}}]}");
            case "/hubspot/crm/v3/objects/contacts/batch/upsert" ->
                    new TestingHttpStub.Answer(200, "{\"results\": [{\"id\": \"901\", \"properties\": {}}]}");
            case "/slack/chat.postMessage" -> new TestingHttpStub.Answer(200, "{\"ok\": true, \"channel\": \"C1\", \"ts\": \"1.1\"}");
            default -> new TestingHttpStub.Answer(404, "{}");
        });
        ExecutionStore store = new ExecutionStore(database.dataSource(), new Sealer(new byte[32], null));
        Engine engine = new Engine(store, definitions, new IntegrationSteps(new MountedIntegrations(definitions, secrets), OutboundHttp.client()),
                OutboundHttp.client(), clock, "replica", new Random(3), EngineListener.NONE);
        String revision = definitions.current("lead-enrichment").orElseThrow().revision();
        UUID id = store.executions().start("lead-enrichment", revision, "webhook", JSON.readTree(
                "{\"email\": \"jane@acme.example\", \"name\": \"Jane\", \"company\": \"Acme\", \"message\": \"demo\"}"),
                Optional.empty(), clock.instant(), Duration.ofMinutes(10), null);
        while (engine.tick(5) > 0) {
            // run to the end
        }

        Execution execution = store.executions().get(id);
        assertThat(execution.status()).as(String.valueOf(execution.error())).isEqualTo(ExecutionStatus.succeeded);
        Map<String, TestingHttpStub.Received> byPath = new java.util.HashMap<>();
        stub.received().forEach(r -> byPath.put(r.path().replaceAll("\\?.*", ""), r));
        assertThat(byPath.get("/enrichment-api/people/find").authorization()).isEqualTo("Bearer enrich-token-1");
        assertThat(byPath.get("/openai/chat/completions").authorization()).isEqualTo("Bearer sk-test-2");
        assertThat(byPath.get("/openai/chat/completions").body()).contains("\"model\":\"gpt-4o-mini\"")
                .contains("json_object").contains("Jane <jane@acme.example> at Acme");
        assertThat(byPath.get("/hubspot/crm/v3/objects/contacts/batch/upsert").body())
                .contains("\"idProperty\":\"email\"").contains("\"lead_score\":\"85\"");
        assertThat(byPath.get("/slack/chat.postMessage").authorization()).isEqualTo("Bearer xoxb-test-4");
        assertThat(byPath.get("/slack/chat.postMessage").body()).contains("Hot lead (85)").contains("#sales-hot-leads");
        String stored = execution.toString() + store.views().stepRuns(id);
        assertThat(stored).doesNotContain("sk-test-2").doesNotContain("xoxb-test-4").doesNotContain("pat-test-3");
    }

    @Test
    void aColdLeadSkipsTheSlackNotice(@TempDir Path secrets) throws Exception {
        Definitions definitions = new Definitions(Path.of("").toAbsolutePath().getParent().resolve("examples/acme"));
        definitions.reload();
        definitions.integrations().values().forEach(i -> i.getSpec().baseUrl = stub.url("/" + i.getMetadata().getName()));
        secret(secrets, "enrichment-api", "token", "t");
        secret(secrets, "openai", "api-key", "k");
        secret(secrets, "hubspot", "accessToken", "h");
        secret(secrets, "slack-bot", "bot-token", "s");
        stub.answer(request -> switch (request.path().replaceAll("\\?.*", "")) {
            case "/openai/chat/completions" -> new TestingHttpStub.Answer(200,
                    "{\"choices\": [{\"message\": {\"content\": \"{\\\"score\\\": 10, \\\"reason\\\": \\\"student\\\"}\"}}]}");
            case "/hubspot/crm/v3/objects/contacts/batch/upsert" -> new TestingHttpStub.Answer(200, "{\"results\": [{}]}");
            default -> new TestingHttpStub.Answer(200, "{}");
        });
        ExecutionStore store = new ExecutionStore(database.dataSource(), new Sealer(new byte[32], null));
        Engine engine = new Engine(store, definitions, new IntegrationSteps(new MountedIntegrations(definitions, secrets), OutboundHttp.client()),
                OutboundHttp.client(), clock, "replica", new Random(3), EngineListener.NONE);
        var deployed = definitions.current("lead-enrichment").orElseThrow();
        InputValidator.Result input = InputValidator.check(deployed.workflow().getSpec().input,
                JSON.readTree("{\"email\": \"x@y.example\"}"));
        assertThat(input.valid()).isTrue();
        UUID id = store.executions().start("lead-enrichment", deployed.revision(), "webhook", input.input(), Optional.empty(),
                clock.instant(), Duration.ofMinutes(10), null);
        while (engine.tick(5) > 0) {
            // run to the end
        }
        assertThat(store.executions().get(id).status()).isEqualTo(ExecutionStatus.succeeded);
        assertThat(store.views().stepRuns(id).get("notify").status().name()).isEqualTo("skipped");
        assertThat(stub.received()).noneMatch(r -> r.path().contains("chat.postMessage"));
    }

    @Test
    void forEachRunsItsStepPerItem() throws Exception {
        Path dir = Files.createTempDirectory("foreach");
        Files.writeString(dir.resolve("w.yaml"), """
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: loop}
                spec:
                  trigger: {manual: {}}
                  steps:
                    - name: each
                      type: forEach
                      forEach:
                        items: input.names
                        step:
                          type: http
                          http: {method: POST, url: "%s", body: {n: "${{ index }}", who: "${{ item }}"}}
                """.formatted(stub.url("/hello")));
        Definitions definitions = new Definitions(dir);
        assertThat(definitions.reload().problems()).isEmpty();
        ExecutionStore store = new ExecutionStore(database.dataSource(), new Sealer(new byte[32], null));
        Engine engine = new Engine(store, definitions, IntegrationCalls.NONE, OutboundHttp.client(), clock, "replica", new Random(3), EngineListener.NONE);
        UUID id = store.executions().start("loop", definitions.current("loop").orElseThrow().revision(), "manual",
                JSON.readTree("{\"names\": [\"ada\", \"grace\"]}"), Optional.empty(), clock.instant(), Duration.ofMinutes(10), null);
        while (engine.tick(5) > 0) {
            // run to the end
        }
        assertThat(store.executions().get(id).status()).isEqualTo(ExecutionStatus.succeeded);
        assertThat(stub.received()).extracting(TestingHttpStub.Received::body)
                .containsExactly("{\"n\":0,\"who\":\"ada\"}", "{\"n\":1,\"who\":\"grace\"}");
        assertThat(store.executions().get(id).output()).hasSize(2);
    }
}
