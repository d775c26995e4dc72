package io.flowstack.runtime.engine;

import io.flowstack.contract.ExecutionStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.runtime.MutableClock;
import io.flowstack.runtime.Poll;
import io.flowstack.runtime.store.StepRun;
import io.flowstack.runtime.TestingDatabase;
import io.flowstack.runtime.TestingHttpStub;
import io.flowstack.runtime.crypto.Sealer;
import io.flowstack.runtime.store.ExecutionStore;
import io.flowstack.runtime.http.OutboundHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replicas sharing one database: a dead replica's work is resumed, and no execution runs twice. */
class DurabilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestingDatabase database;
    private TestingHttpStub stub;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private ExecutionStore store;
    private Workflow workflow;

    @BeforeEach
    void start() {
        database = new TestingDatabase();
        stub = new TestingHttpStub();
        store = new ExecutionStore(database.dataSource(), new Sealer(new byte[32], null));
    }

    @AfterEach
    void stop() {
        stub.close();
        database.close();
    }

    private Engine engine(String owner) {
        return engine(owner, Engine.LEASE);
    }

    /** A call that hangs (its replica stuck in it) until released. */
    private static void hang(CountDownLatch stuck, CountDownLatch release) {
        stuck.countDown();
        try {
            release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Engine engine(String owner, Duration lease) {
        return new Engine(store, (name, revision) -> Optional.of(workflow), IntegrationCalls.NONE, OutboundHttp.client(), clock, owner,
                new Random(1), EngineListener.NONE, lease);
    }

    /**
     * A call's checkpoint waits for the transform after it (one commit for both): a replica that loses its lease in
     * between writes neither, and the replica that takes over runs the call again as a counted second attempt.
     */
    @Test
    void aCallWhoseCheckpointWaitsForTheNextTransformIsNotLostNorWrittenWithoutTheLease() throws Exception {
        workflow = Serialization.unmarshal("""
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: call-then-shape}
                spec:
                  trigger: {manual: {}}
                  steps:
                    - name: first
                      type: http
                      http: {url: "%s"}
                      timeout: 20s
                    - {name: shape, type: transform, transform: {output: "${{ steps.first.output.body.from }}"}}
                """.formatted(stub.url("/first")), Workflow.class);
        CountDownLatch replicaAStuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger firstCalls = new AtomicInteger();
        stub.answer(request -> {
            if (firstCalls.incrementAndGet() == 1) {
                hang(replicaAStuck, release);
            }
            return new TestingHttpStub.Answer(200, "{\"from\":\"call " + firstCalls.get() + "\"}");
        });
        UUID id = store.executions().start("call-then-shape", "r1", "manual", JSON.readTree("{}"), Optional.empty(),
                clock.instant(), Duration.ofHours(1), null);
        ExecutorService replicaA = Executors.newSingleThreadExecutor();
        replicaA.submit(() -> engine("replica-a", Duration.ofSeconds(1)).tick(1));
        assertThat(replicaAStuck.await(10, TimeUnit.SECONDS)).isTrue();
        Engine replicaB = engine("replica-b", Duration.ofSeconds(1));
        Poll.until(Duration.ofSeconds(10), "B takes the execution over", () -> replicaB.tick(1) == 1);
        assertThat(store.executions().get(id).status()).isEqualTo(ExecutionStatus.succeeded);
        assertThat(store.views().stepRuns(id).get("shape").output().asText()).isEqualTo("call 2");

        // A gets its answer, runs the transform in memory, and its one checkpoint of both is refused
        release.countDown();
        replicaA.shutdown();
        assertThat(replicaA.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        assertThat(firstCalls.get()).isEqualTo(2);
        assertThat(store.views().stepRuns(id).get("first").attempts()).as("both starts counted").isEqualTo(2);
        assertThat(store.views().stepRuns(id).get("shape").attempts()).isEqualTo(1);
        assertThat(store.views().stepRuns(id).get("shape").output().asText()).as("B's results stand").isEqualTo("call 2");
    }

    @Test
    void aSecondReplicaFinishesWhatADeadOneBegan() throws Exception {
        workflow = Serialization.unmarshal("""
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: two-calls}
                spec:
                  trigger: {manual: {}}
                  steps:
                    - name: first
                      type: http
                      http: {url: "%s"}
                    - name: second
                      type: http
                      http: {url: "%s"}
                      timeout: 20s
                """.formatted(stub.url("/first"), stub.url("/second")), Workflow.class);
        CountDownLatch replicaAStuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger secondCalls = new AtomicInteger();
        stub.answer(request -> {
            if (request.path().equals("/second") && secondCalls.incrementAndGet() == 1) {
                hang(replicaAStuck, release);
            }
            return new TestingHttpStub.Answer(200, "{\"from\":\"" + request.path() + "\"}");
        });
        UUID id = store.executions().start("two-calls", "r1", "manual", JSON.readTree("{}"), Optional.empty(), clock.instant(),
                Duration.ofHours(1), null);

        // replica A (no heartbeat: as good as dead once its one-second lease lapses) runs the first step, then hangs
        // in the second
        ExecutorService replicaA = Executors.newSingleThreadExecutor();
        replicaA.submit(() -> engine("replica-a", Duration.ofSeconds(1)).tick(1));
        assertThat(replicaAStuck.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(store.views().stepRuns(id).get("first").status()).isEqualTo(StepRun.Status.succeeded);
        assertThat(store.views().stepRuns(id).get("second").status()).as("recorded as started before the call")
                .isEqualTo(StepRun.Status.running);

        // B can take the execution only once A's lease has lapsed (on the database's clock); it resumes from the
        // checkpoint
        Engine replicaB = engine("replica-b", Duration.ofSeconds(1));
        assertThat(replicaB.tick(1)).as("A's lease still holds").isZero();
        Poll.until(Duration.ofSeconds(10), "B takes the execution over", () -> replicaB.tick(1) == 1);
        assertThat(store.executions().get(id).status()).isEqualTo(ExecutionStatus.succeeded);

        // A wakes up: its checkpoint is refused, because it no longer holds the lease
        release.countDown();
        replicaA.shutdown();
        assertThat(replicaA.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        assertThat(store.executions().get(id).status()).isEqualTo(ExecutionStatus.succeeded);
        Map<String, Long> calls = stub.received().stream()
                .collect(Collectors.groupingBy(TestingHttpStub.Received::path, Collectors.counting()));
        assertThat(calls).as("a finished step never runs again; the step in flight runs again")
                .containsEntry("/first", 1L).containsEntry("/second", 2L);
        assertThat(store.views().stepRuns(id).get("second").attempts()).as("both starts counted").isEqualTo(2);
        assertThat(store.views().stepRuns(id).get("first").attempts()).isEqualTo(1);
    }

    @Test
    void aStepThatTakesThreeLeasesRunsOnceOnTwoReplicasWithSeveralWorkers() throws Exception {
        workflow = Serialization.unmarshal("""
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: slow}
                spec:
                  trigger: {manual: {}}
                  steps:
                    - name: score
                      type: http
                      http: {url: "%s"}
                      timeout: 60s
                    - name: each
                      type: forEach
                      forEach:
                        items: "${{ input.items }}"
                        step: {type: http, http: {url: "%s"}}
                """.formatted(stub.url("/slow"), stub.url("/item")), Workflow.class);
        Duration lease = Duration.ofSeconds(1);
        stub.answer(request -> {
            sleep(request.path().equals("/slow") ? lease.multipliedBy(3).plusMillis(500) : Duration.ofMillis(40));
            return new TestingHttpStub.Answer(200, "{}");
        });
        UUID id = store.executions().start("slow", "r1", "manual", JSON.readTree("{\"items\": "
                + java.util.stream.IntStream.range(0, 100).boxed().toList() + "}"), Optional.empty(), clock.instant(),
                Duration.ofHours(1), null);
        try (TestingReplica a = new TestingReplica(engine("replica-a", lease), 4);
             TestingReplica b = new TestingReplica(engine("replica-b", lease), 4)) {
            Poll.until(Duration.ofSeconds(60), "the execution finishes",
                    () -> store.executions().get(id).status() != ExecutionStatus.running
                            && store.executions().get(id).status() != ExecutionStatus.pending);
        }
        assertThat(store.executions().get(id).status()).isEqualTo(ExecutionStatus.succeeded);
        Map<String, Long> calls = stub.received().stream()
                .collect(Collectors.groupingBy(TestingHttpStub.Received::path, Collectors.counting()));
        assertThat(calls).as("a 3.5 s step (3.5 leases) called once; a forEach of 100 calls lasting 4+ leases: 100 calls")
                .containsEntry("/slow", 1L).containsEntry("/item", 100L);
        assertThat(store.views().stepRuns(id).get("score").attempts()).isEqualTo(1);
        assertThat(store.views().stepRuns(id).get("each").attempts()).isEqualTo(1);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void twoReplicasRunEachOf1000ExecutionsExactlyOnce() throws Exception {
        workflow = Serialization.unmarshal("""
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: notify}
                spec:
                  trigger: {manual: {}}
                  steps:
                    - name: call
                      type: http
                      http:
                        method: POST
                        url: "%s"
                        headers: {X-Test: "${{ execution.id }}"}
                        body: {n: "${{ input.n }}"}
                    - name: shape
                      type: transform
                      transform: {output: {status: "${{ steps.call.output.status }}"}}
                """.formatted(stub.url("/notify")), Workflow.class);
        int executions = 1000;
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < executions; i++) {
            ids.add(store.executions().start("notify", "r1", "manual", JSON.readTree("{\"n\": " + i + "}"), Optional.empty(),
                    clock.instant(), Duration.ofHours(1), null));
        }
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        AtomicInteger idleRounds = new AtomicInteger();
        for (String owner : List.of("replica-a", "replica-b")) {
            Engine engine = engine(owner);
            replicas.submit(() -> {
                while (idleRounds.get() < 20) {
                    if (engine.tick(5) == 0) {
                        idleRounds.incrementAndGet();
                        Thread.sleep(20);
                    }
                }
                return null;
            });
        }
        replicas.shutdown();
        assertThat(replicas.awaitTermination(120, TimeUnit.SECONDS)).isTrue();

        assertThat(store.views().countByStatus()).containsExactly(Map.entry("succeeded", (long) executions));
        Map<String, Long> callsPerExecution = stub.received().stream()
                .collect(Collectors.groupingBy(TestingHttpStub.Received::header, Collectors.counting()));
        assertThat(callsPerExecution).hasSize(executions);
        assertThat(callsPerExecution.values()).allMatch(count -> count == 1);
        assertThat(ids.stream().map(UUID::toString).collect(Collectors.toSet())).isEqualTo(callsPerExecution.keySet());
        Function<UUID, String> status = id -> store.executions().get(id).output().path("status").asText();
        assertThat(status.apply(ids.get(0))).isEqualTo("200");
    }
}
