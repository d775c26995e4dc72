package io.flowstack.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowstack.contract.ExecutionStatus;
import io.flowstack.runtime.MutableClock;
import io.flowstack.runtime.TestingDatabase;
import io.flowstack.runtime.crypto.Sealer;
import io.flowstack.runtime.definitions.Definitions;
import io.flowstack.runtime.http.OutboundHttp;
import io.flowstack.runtime.store.ExecutionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Executions finish on the revision they began on, after an edit and a restart of every replica. */
class RevisionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WORKFLOW = """
            apiVersion: flowstack.io/v1alpha1
            kind: Workflow
            metadata: {name: report}
            spec:
              trigger: {manual: {}}
              steps:
                - {name: wait, type: delay, delay: {duration: 10m}}
                - {name: say, type: transform, transform: {output: {version: %d}}}
            """;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private TestingDatabase database;
    private ExecutionStore store;

    @BeforeEach
    void start() {
        database = new TestingDatabase();
        store = new ExecutionStore(database.dataSource(), new Sealer(new byte[32], null));
    }

    @AfterEach
    void stop() {
        database.close();
    }

    private Engine replica(Definitions definitions, String name) {
        return new Engine(store, new DurableWorkflows(definitions, store.revisions()), IntegrationCalls.NONE,
                OutboundHttp.client(), clock, name, new Random(1), EngineListener.NONE);
    }

    @Test
    void anExecutionFinishesOnItsRevisionAfterAnEditAndARestart(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("report.yaml"), WORKFLOW.formatted(1));
        Definitions before = new Definitions(dir);
        before.reload();
        UUID id = new ExecutionStarter(store).start(before.current("report").orElseThrow(),
                ExecutionStarter.Trigger.manual, JSON.readTree("{}"), Optional.empty(), clock.instant(), null);
        assertThat(replica(before, "a").tick(1)).isEqualTo(1);   // runs up to the delay and parks
        assertThat(store.executions().get(id).status()).isEqualTo(ExecutionStatus.running);

        // the workflow is edited, then every replica restarts: none has revision 1 in its definitions any more
        Files.writeString(dir.resolve("report.yaml"), WORKFLOW.formatted(2));
        Definitions after = new Definitions(dir);
        after.reload();
        assertThat(after.revision("report", Definitions.revisionOf(before.current("report").orElseThrow().workflow())))
                .isEmpty();
        clock.advance(Duration.ofMinutes(11));
        assertThat(replica(after, "b").tick(1)).isEqualTo(1);

        assertThat(store.executions().get(id).status()).isEqualTo(ExecutionStatus.succeeded);
        assertThat(store.executions().get(id).output()).isEqualTo(JSON.readTree("{\"version\": 1}"));
        // new executions run the new revision
        UUID next = new ExecutionStarter(store).start(after.current("report").orElseThrow(),
                ExecutionStarter.Trigger.manual, JSON.readTree("{}"), Optional.empty(), clock.instant(), null);
        assertThat(store.executions().get(next).revision()).isNotEqualTo(store.executions().get(id).revision());
    }

    @Test
    void unusedRevisionsArePrunedAndUsedOnesKept(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("report.yaml"), WORKFLOW.formatted(1));
        Definitions definitions = new Definitions(dir);
        definitions.reload();
        Definitions.Deployed deployed = definitions.current("report").orElseThrow();
        store.revisions().save("report", "unused", deployed.workflow());
        new ExecutionStarter(store).start(deployed, ExecutionStarter.Trigger.manual, JSON.readTree("{}"),
                Optional.empty(), clock.instant(), null);
        assertThat(store.revisions().prune(Duration.ZERO)).as("only the revision no execution refers to").isEqualTo(1);
        assertThat(store.revisions().find("report", "unused")).isEmpty();
        assertThat(store.revisions().find("report", deployed.revision())).isPresent();
    }
}
