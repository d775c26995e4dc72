package io.flowstack.runtime.engine;

import io.flowstack.contract.ExecutionStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowstack.runtime.MutableClock;
import io.flowstack.runtime.TestingDatabase;
import io.flowstack.runtime.crypto.Sealer;
import io.flowstack.runtime.definitions.Definitions;
import io.flowstack.runtime.store.ExecutionStore;
import io.flowstack.runtime.http.OutboundHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedule triggers with several replicas on one database: one execution per tick, concurrency policies, history. */
class SchedulesTest {
    private static TestingDatabase database;
    private ExecutionStore store;

    @BeforeAll
    static void startDatabase() {
        database = new TestingDatabase();
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @BeforeEach
    void clear() {
        database.clear();
        store = new ExecutionStore(database.dataSource(), new Sealer(new byte[32], null));
    }

    private Definitions definitions(Path dir, String cron, String timezone, String policy) throws Exception {
        Files.writeString(dir.resolve("report.yaml"), """
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: report}
                spec:
                  trigger:
                    schedule: {cron: "%s", timezone: %s, concurrencyPolicy: %s}
                  executionHistoryLimit: 2
                  steps:
                    - name: day
                      type: transform
                      transform: {output: "${{ execution.scheduledDate }}"}
                """.formatted(cron, timezone, policy));
        Definitions definitions = new Definitions(dir);
        assertThat(definitions.reload().problems()).isEmpty();
        return definitions;
    }

    @Test
    void everyReplicaSeesTheTickButItFiresOnce(@TempDir Path dir) throws Exception {
        Definitions definitions = definitions(dir, "*/5 * * * *", "UTC", "Allow");
        Schedules replicaA = new Schedules(store, definitions);
        Schedules replicaB = new Schedules(store, definitions);
        Instant tick = Instant.parse("2026-11-22T10:05:00Z");
        List<UUID> a = replicaA.fire(tick.plusSeconds(3));
        List<UUID> b = replicaB.fire(tick.plusSeconds(4));
        replicaA.fire(tick.plusSeconds(8));
        assertThat(a).hasSize(1).isEqualTo(b);
        assertThat(store.views().countByStatus()).containsExactly(Map.entry("pending", 1L));
        replicaB.fire(tick.plusSeconds(300 + 2));
        assertThat(store.views().countByStatus().get("pending")).isEqualTo(2L);
    }

    @Test
    void aTickMissedWhileDownIsNotStartedLate(@TempDir Path dir) throws Exception {
        Definitions definitions = definitions(dir, "0 * * * *", "UTC", "Allow");
        assertThat(new Schedules(store, definitions).fire(Instant.parse("2026-11-22T10:30:00Z"))).isEmpty();
    }

    @Test
    void forbidSkipsATickWhileAnExecutionRunsAndReplaceCancelsIt(@TempDir Path dir) throws Exception {
        Instant first = Instant.parse("2026-11-22T10:00:00Z");
        Definitions forbid = definitions(dir, "0 * * * *", "UTC", "Forbid");
        UUID running = new Schedules(store, forbid).fire(first.plusSeconds(1)).get(0);
        assertThat(new Schedules(store, forbid).fire(first.plusSeconds(3601))).isEmpty();
        assertThat(store.executions().get(running).status()).isEqualTo(ExecutionStatus.pending);

        Definitions replace = definitions(dir, "0 * * * *", "UTC", "Replace");
        List<UUID> next = new Schedules(store, replace).fire(first.plusSeconds(3601));
        assertThat(next).hasSize(1);
        assertThat(store.executions().get(running).status()).isEqualTo(ExecutionStatus.cancelled);
        assertThat(store.executions().get(next.get(0)).status()).isEqualTo(ExecutionStatus.pending);
    }

    @Test
    void ticksFollowTheTimeZoneAndTheExecutionSeesItsDate(@TempDir Path dir) throws Exception {
        Definitions definitions = definitions(dir, "30 7 * * *", "Europe/Berlin", "Forbid");
        // 07:30 in Berlin in November is 06:30 UTC
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T06:30:20Z"));
        List<UUID> started = new Schedules(store, definitions).fire(clock.instant());
        assertThat(started).hasSize(1);
        Engine engine = new Engine(store, definitions, IntegrationCalls.NONE, OutboundHttp.client(), clock, "replica", new Random(1), EngineListener.NONE);
        while (engine.tick(5) > 0) {
            // run it
        }
        assertThat(store.executions().get(started.get(0)).output().asText()).isEqualTo("2026-11-22");
    }

    @Test
    void historyKeepsTheNewestFinishedExecutions(@TempDir Path dir) throws Exception {
        Definitions definitions = definitions(dir, "* * * * *", "UTC", "Allow");
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
        Engine engine = new Engine(store, definitions, IntegrationCalls.NONE, OutboundHttp.client(), clock, "replica", new Random(1), EngineListener.NONE);
        Schedules schedules = new Schedules(store, definitions);
        for (int i = 0; i < 5; i++) {
            schedules.fire(clock.instant());
            while (engine.tick(5) > 0) {
                // run it
            }
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(store.views().countByStatus()).containsExactly(Map.entry("succeeded", 5L));
        assertThat(store.history().prune("report", 2)).isEqualTo(3);
        assertThat(store.views().countByStatus()).containsExactly(Map.entry("succeeded", 2L));
    }
}
