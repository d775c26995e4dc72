package io.flowstack.runtime.engine;

import io.flowstack.contract.ExecutionStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.runtime.MutableClock;
import io.flowstack.runtime.TestingDatabase;
import io.flowstack.runtime.TestingHttpStub;
import io.flowstack.runtime.crypto.Sealer;
import io.flowstack.runtime.store.Execution;
import io.flowstack.runtime.store.ExecutionStore;
import io.flowstack.runtime.store.StepRun;
import io.flowstack.runtime.store.WorkQueue;
import io.flowstack.runtime.http.OutboundHttp;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine against a real PostgreSQL, outside calls to a local stub, time from a hand-moved clock. */
class EngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestingDatabase database;
    private static TestingHttpStub stub;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final Map<String, Workflow> workflows = new ConcurrentHashMap<>();
    private final OutboundHttp http = OutboundHttp.client();
    private ExecutionStore store;
    private Engine engine;

    @BeforeAll
    static void startDatabase() {
        database = new TestingDatabase();
        stub = new TestingHttpStub();
    }

    @AfterAll
    static void stopDatabase() {
        stub.close();
        database.close();
    }

    @BeforeEach
    void setUp() {
        database.clear();
        stub.reset();
        store = new ExecutionStore(database.dataSource(), new Sealer(new byte[32], null));
        engine = engine("engine-a");
    }

    private Engine engine(String owner) {
        return new Engine(store, (name, revision) -> Optional.ofNullable(workflows.get(name)), IntegrationCalls.NONE, http, clock, owner,
                new Random(7), EngineListener.NONE);
    }

    private void deploy(String yaml) {
        Workflow workflow = Serialization.unmarshal(yaml, Workflow.class);
        workflows.put(workflow.getMetadata().getName(), workflow);
    }

    private UUID start(String workflow, String input) throws Exception {
        return store.executions().start(workflow, "r1", "manual", JSON.readTree(input), Optional.empty(), clock.instant(),
                Duration.ofHours(1), null);
    }

    private void runUntilIdle() {
        while (engine.tick(10) > 0) {
            // keep going while there is due work
        }
    }

    @Test
    void runsTheStepGraphWithTransformsAndWhen() throws Exception {
        deploy("""
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: graph}
                spec:
                  trigger: {manual: {}}
                  steps:
                    - name: double
                      type: transform
                      transform: {output: {n: "${{ input.n * 2 }}"}}
                    - name: greet
                      type: transform
                      needs: []
                      transform: {output: "Hello ${{ input.name }}!"}
                    - name: never
                      type: transform
                      needs: [double]
                      when: steps.double.output.n > 100
                      transform: {output: {}}
                    - name: total
                      type: transform
                      needs: [double, greet, never]
                      transform:
                        output:
                          sum: "${{ steps.double.output.n + 1 }}"
                          text: "${{ steps.greet.output }}"
                          skipped: "${{ steps.never.status }}"
                """);
        UUID id = start("graph", "{\"n\": 21, \"name\": \"Ada\"}");
        runUntilIdle();
        Execution execution = store.executions().get(id);
        assertThat(execution.status()).isEqualTo(ExecutionStatus.succeeded);
        assertThat(execution.output()).isEqualTo(JSON.readTree(
                "{\"sum\": 43, \"text\": \"Hello Ada!\", \"skipped\": \"skipped\"}"));
        Map<String, StepRun> runs = store.views().stepRuns(id);
        assertThat(runs.get("never").status()).isEqualTo(StepRun.Status.skipped);
        assertThat(runs.values()).allSatisfy(r -> assertThat(r.attempts()).isLessThanOrEqualTo(1));
    }

    @Test
    void theLastStepAndTheEndOfItsExecutionAreOneWriteThatALostLeaseRefuses() throws Exception {
        deploy("""
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: one}
                spec:
                  trigger: {manual: {}}
                  steps:
                    - {name: only, type: transform, transform: {output: {ok: true}}}
                """);
        UUID id = start("one", "{}");
        List<WorkQueue.Loaded> claimed = store.work().claim("engine-a", 1, clock.instant(), Duration.ofSeconds(30));
        assertThat(claimed).extracting(loaded -> loaded.execution().id()).containsExactly(id);
        String lease = claimed.get(0).lease();
        StepRun last = new StepRun("only", StepRun.Status.succeeded, 1, JSON.readTree("{\"ok\": true}"), null, null);
        // another runtime holds the lease now: neither the step nor the end is written
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.work().checkpointAndFinish(id, "engine-a#another-claim", last,
                clock.instant(), clock.instant(), ExecutionStatus.succeeded, JSON.readTree("{\"ok\": true}"), null))
                .isInstanceOf(io.flowstack.runtime.store.LeaseLostException.class);
        assertThat(store.views().stepRuns(id)).isEmpty();
        assertThat(store.executions().get(id).status()).isEqualTo(ExecutionStatus.running);

        store.work().checkpointAndFinish(id, lease, last, clock.instant(), clock.instant(), ExecutionStatus.succeeded,
                JSON.readTree("{\"ok\": true}"), null);
        assertThat(store.executions().get(id).status()).isEqualTo(ExecutionStatus.succeeded);
        assertThat(store.executions().get(id).output()).isEqualTo(JSON.readTree("{\"ok\": true}"));
        assertThat(store.views().stepRuns(id).get("only").status()).isEqualTo(StepRun.Status.succeeded);
    }

    @Test
    void retriesAFailingCallWithGrowingBackoffThenSucceeds() throws Exception {
        deploy("""
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: flaky}
                spec:
                  trigger: {manual: {}}
                  steps:
                    - name: call
                      type: http
                      http: {method: POST, url: "%s", body: {lead: "${{ input.email }}"}}
                      retry: {maxAttempts: 3, backoff: {initial: 10s, max: 1m, multiplier: 2}}
                """.formatted(stub.url("/leads")));
        stub.script(new TestingHttpStub.Answer(503, "{}"), new TestingHttpStub.Answer(500, "{}"));
        UUID id = start("flaky", "{\"email\": \"a@b.example\"}");

        runUntilIdle();
        StepRun first = store.views().stepRuns(id).get("call");
        assertThat(first.status()).isEqualTo(StepRun.Status.waiting);
        Duration wait1 = Duration.between(clock.instant(), first.nextAttemptAt());
        assertThat(wait1).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
        runUntilIdle();
        assertThat(stub.received()).hasSize(1);

        clock.advance(wait1);
        runUntilIdle();
        StepRun second = store.views().stepRuns(id).get("call");
        Duration wait2 = Duration.between(clock.instant(), second.nextAttemptAt());
        assertThat(wait2).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));

        clock.advance(wait2);
        runUntilIdle();
        Execution execution = store.executions().get(id);
        assertThat(execution.status()).isEqualTo(ExecutionStatus.succeeded);
        assertThat(stub.received()).hasSize(3).allSatisfy(r -> assertThat(r.body()).isEqualTo("{\"lead\":\"a@b.example\"}"));
        assertThat(execution.output().path("body").path("ok").asBoolean()).isTrue();
    }

    @Test
    void failsAfterTheLastAttemptAndDoesNotRetryClientErrors() throws Exception {
        deploy("""
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: rejected}
                spec:
                  trigger: {manual: {}}
                  steps:
                    - name: call
                      type: http
                      http: {url: "%s"}
                      retry: {maxAttempts: 5}
                    - name: after
                      type: transform
                      transform: {output: {}}
                """.formatted(stub.url("/nope")));
        stub.script(new TestingHttpStub.Answer(404, "{}"));
        UUID id = start("rejected", "{}");
        runUntilIdle();
        Execution execution = store.executions().get(id);
        assertThat(execution.status()).isEqualTo(ExecutionStatus.failed);
        assertThat(execution.error()).contains("step call failed").contains("404");
        assertThat(stub.received()).hasSize(1);
        assertThat(store.views().stepRuns(id)).doesNotContainKey("after");
    }

    @Test
    void aHeaderThatWouldSplitTheRequestFailsTheStepWithoutARetryAndIsNeverSent() throws Exception {
        deploy("""
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: smuggler}
                spec:
                  trigger: {manual: {}}
                  steps:
                    - name: call
                      type: http
                      http:
                        url: "%s"
                        headers: {X-Note: "${{ input.note }}"}
                      retry: {maxAttempts: 5}
                """.formatted(stub.url("/hooks")));
        stub.script(new TestingHttpStub.Answer(200, "{}"));
        UUID id = start("smuggler", "{\"note\": \"hi\\r\\nX-Injected: 1\"}");
        runUntilIdle();
        Execution execution = store.executions().get(id);
        assertThat(execution.status()).isEqualTo(ExecutionStatus.failed);
        assertThat(store.views().stepRuns(id).get("call").error()).contains("X-Note").contains("control character")
                .doesNotContain("X-Injected");
        assertThat(store.views().stepRuns(id).get("call").attempts()).isEqualTo(1);
        assertThat(stub.received()).isEmpty();
    }

    @Test
    void aStepAttemptThatOutlivesItsTimeoutFailsAndIsRetried() throws Exception {
        deploy("""
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: slowcall}
                spec:
                  trigger: {manual: {}}
                  steps:
                    - name: call
                      type: http
                      timeout: 500ms
                      http: {url: "%s"}
                      retry: {maxAttempts: 2, backoff: {initial: 1s, max: 1s}}
                """.formatted(stub.url("/slow")));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        stub.answer(request -> {
            try {
                release.await(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new TestingHttpStub.Answer(200, "{}");
        });
        UUID id = start("slowcall", "{}");
        runUntilIdle();
        StepRun first = store.views().stepRuns(id).get("call");
        assertThat(first.status()).isEqualTo(StepRun.Status.waiting);
        assertThat(first.error()).contains("timed out");
        clock.advance(Duration.ofSeconds(2));
        runUntilIdle();
        release.countDown();
        Execution execution = store.executions().get(id);
        assertThat(execution.status()).isEqualTo(ExecutionStatus.failed);
        assertThat(execution.error()).contains("timed out").contains("after 2 attempts");
    }

    @Test
    void aDelayWaitsDurablyForItsTime() throws Exception {
        deploy("""
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: later}
                spec:
                  trigger: {manual: {}}
                  steps:
                    - name: wait
                      type: delay
                      delay: {duration: 10m}
                    - name: done
                      type: transform
                      transform: {output: "${{ execution.trigger }}"}
                """);
        UUID id = start("later", "{}");
        runUntilIdle();
        assertThat(store.executions().get(id).status()).isEqualTo(ExecutionStatus.running);
        clock.advance(Duration.ofMinutes(9));
        runUntilIdle();
        assertThat(store.views().stepRuns(id)).doesNotContainKey("done");
        clock.advance(Duration.ofMinutes(1));
        runUntilIdle();
        assertThat(store.executions().get(id).status()).isEqualTo(ExecutionStatus.succeeded);
        assertThat(store.executions().get(id).output().asText()).isEqualTo("manual");
    }

    @Test
    void anExecutionPastItsTimeoutEndsAsTimedOut() throws Exception {
        deploy("""
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: slow}
                spec:
                  trigger: {manual: {}}
                  steps:
                    - name: wait
                      type: delay
                      delay: {duration: 2h}
                """);
        UUID id = start("slow", "{}");
        runUntilIdle();
        clock.advance(Duration.ofHours(2));
        runUntilIdle();
        assertThat(store.executions().get(id).status()).isEqualTo(ExecutionStatus.timed_out);
    }

    @Test
    void inputsAndOutputsAreNeverStoredInPlaintext() throws Exception {
        deploy("""
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: secretive}
                spec:
                  trigger: {manual: {}}
                  steps:
                    - name: echo
                      type: transform
                      transform: {output: {copy: "${{ input.marker }}-out"}}
                """);
        UUID id = start("secretive", "{\"marker\": \"PLAINTEXT-MARKER-42\"}");
        runUntilIdle();
        assertThat(store.executions().get(id).output().path("copy").asText()).isEqualTo("PLAINTEXT-MARKER-42-out");
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT encode(input, 'escape') || coalesce(encode(output, 'escape'), '')"
                     + " FROM executions UNION ALL SELECT coalesce(encode(output, 'escape'), '') FROM step_runs")) {
            while (rows.next()) {
                assertThat(rows.getString(1)).doesNotContain("PLAINTEXT-MARKER");
            }
        }
    }

    @Test
    void anIdempotencyKeyStartsOneExecution() throws Exception {
        JsonNode input = JSON.readTree("{}");
        UUID first = store.executions().start("any", "r1", "webhook", input, Optional.of("delivery-1"), clock.instant(), Duration.ofHours(1), null);
        UUID again = store.executions().start("any", "r1", "webhook", input, Optional.of("delivery-1"), clock.instant(), Duration.ofHours(1), null);
        assertThat(again).isEqualTo(first);
    }

    @Test
    void forEachRunsUpToMaxConcurrencyItemsAtOnceAndKeepsTheirOrder() throws Exception {
        deploy("""
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: fan-out}
                spec:
                  trigger: {manual: {}}
                  steps:
                    - name: each
                      type: forEach
                      forEach:
                        items: "${{ input.items }}"
                        maxConcurrency: 8
                        step: {type: http, http: {url: "%s", headers: {X-Test: "${{ string(item) }}"}}}
                """.formatted(stub.url("/slow")));
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger peak = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch allEight = new java.util.concurrent.CountDownLatch(8);
        stub.answer(request -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            allEight.countDown();
            try {
                // each call waits (bounded) until eight are in flight at once: only a concurrent forEach gets there
                allEight.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return new TestingHttpStub.Answer(200, "{\"item\": " + request.header() + "}");
        });
        UUID id = start("fan-out", "{\"items\": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]}");
        runUntilIdle();
        assertThat(store.executions().get(id).status()).isEqualTo(ExecutionStatus.succeeded);
        assertThat(peak.get()).as("calls in flight at once").isEqualTo(8);
        JsonNode outputs = store.views().stepRuns(id).get("each").output();
        assertThat(outputs).hasSize(16);
        for (int i = 0; i < 16; i++) {
            assertThat(outputs.get(i).path("body").path("item").asInt()).as("output %d in item order", i).isEqualTo(i);
        }
    }

    @Test
    void aFailingItemFailsTheForEachAndNoLaterItemStarts() throws Exception {
        deploy("""
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: fan-out-fail}
                spec:
                  trigger: {manual: {}}
                  steps:
                    - name: each
                      type: forEach
                      forEach:
                        items: "${{ input.items }}"
                        maxConcurrency: 2
                        step: {type: http, http: {url: "%s", headers: {X-Test: "${{ string(item) }}"}}}
                """.formatted(stub.url("/items")));
        stub.answer(request -> new TestingHttpStub.Answer(request.header().equals("1") ? 400 : 200, "{}"));
        UUID id = start("fan-out-fail", "{\"items\": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]}");
        runUntilIdle();
        assertThat(store.executions().get(id).status()).isEqualTo(ExecutionStatus.failed);
        assertThat(store.views().stepRuns(id).get("each").error()).contains("answered 400");
        assertThat(stub.received().size()).as("items after the failure are not started").isLessThan(20);
    }

    @Test
    void theStartOfEachOutsideCallIsRecordedWithoutAWriteOfItsOwn() throws Exception {
        deploy("""
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: calls}
                spec:
                  trigger: {manual: {}}
                  timeout: 1h
                  steps:
                    - {name: first, type: http, http: {url: "%1$s"}}
                    - {name: shape, type: transform, transform: {output: {ok: true}}}
                    - {name: second, type: http, http: {url: "%1$s"}}
                """.formatted(stub.url("/calls")));
        UUID id = new ExecutionStarter(store).start(new io.flowstack.runtime.definitions.Definitions.Deployed(
                workflows.get("calls"), "r1"), ExecutionStarter.Trigger.manual, JSON.readTree("{}"), Optional.empty(),
                clock.instant(), null);
        List<WorkQueue.Loaded> claimed = store.work().claim("engine-a", 1, clock.instant(), Duration.ofSeconds(30));
        assertThat(claimed.get(0).recorded()).as("the claim recorded the first call's start").isNotNull();
        assertThat(store.views().stepRuns(id).get("first").status()).isEqualTo(StepRun.Status.running);
        // handed back unstarted (its worker was busy): the recorded start is taken back, no attempt counted
        store.leases().releaseUnstarted(Map.of(id, claimed.get(0).lease()), java.util.Set.of(id));
        assertThat(store.views().stepRuns(id)).isEmpty();
        assertThat(store.executions().get(id).status()).isEqualTo(ExecutionStatus.pending);

        long writes = store.work().durableWrites();
        runUntilIdle();
        assertThat(store.executions().get(id).status()).isEqualTo(ExecutionStatus.succeeded);
        assertThat(store.views().stepRuns(id).values()).extracting(StepRun::attempts).containsExactly(1, 1, 1);
        assertThat(store.views().stepRuns(id).keySet()).as("in the order they started").containsExactly("first", "shape",
                "second");
        assertThat(store.work().durableWrites() - writes)
                .as("two commits: the first call's checkpoint waited for the transform's, which carried the second"
                        + " call's start; the second call's ended the execution").isEqualTo(2);
    }
}
