package io.flowstack.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowstack.contract.ExecutionStatus;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.runtime.MutableClock;
import io.flowstack.runtime.TestingDatabase;
import io.flowstack.runtime.crypto.Sealer;
import io.flowstack.runtime.http.OutboundHttp;
import io.flowstack.runtime.store.ExecutionStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rotating the encryption key (the operator moves the old key to FLOWSTACK_ENCRYPTION_KEY_PREVIOUS): rows sealed
 * with the old key still open, an execution running across the rotation finishes, new rows take the new key.
 */
class KeyRotationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final byte[] oldKey = key();
    private final byte[] newKey = key();
    private TestingDatabase database;
    private Workflow workflow;

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @BeforeEach
    void start() {
        database = new TestingDatabase();
        workflow = Serialization.unmarshal("""
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: rotate}
                spec:
                  trigger: {manual: {}}
                  steps:
                    - {name: before, type: transform, transform: {output: {secret: "${{ input.secret }}"}}}
                    - {name: wait, type: delay, delay: {duration: 1m}}
                    - {name: after, type: transform, transform: {output: {echo: "${{ steps.before.output.secret }}"}}}
                """, Workflow.class);
    }

    @AfterEach
    void stop() {
        database.close();
    }

    private ExecutionStore store(byte[] key, byte[] previous) {
        return new ExecutionStore(database.dataSource(), new Sealer(key, previous));
    }

    private Engine engine(ExecutionStore store) {
        return new Engine(store, (name, revision) -> Optional.of(workflow), IntegrationCalls.NONE,
                OutboundHttp.client(), clock, "replica", new Random(1), EngineListener.NONE);
    }

    @Test
    void anExecutionRunningAcrossARotationFinishesAndOldRowsStillOpen() throws Exception {
        ExecutionStore before = store(oldKey, null);
        UUID running = before.executions().start("rotate", "r1", "manual", JSON.readTree("{\"secret\": \"s3\"}"),
                Optional.empty(), clock.instant(), Duration.ofHours(1), null);
        UUID finished = before.executions().start("rotate", "r1", "manual", JSON.readTree("{\"secret\": \"old\"}"),
                Optional.empty(), clock.instant(), Duration.ofHours(1), null);
        assertThat(engine(before).tick(10)).isEqualTo(2);   // both wait in their delay
        clock.advance(Duration.ofMinutes(2));
        assertThat(engine(before).tick(1)).isEqualTo(1);    // one of them finishes under the old key

        ExecutionStore rotated = store(newKey, oldKey);
        while (engine(rotated).tick(10) > 0) {
            // the other finishes after the rotation
        }
        for (UUID id : new UUID[] {running, finished}) {
            assertThat(rotated.executions().get(id).status()).isEqualTo(ExecutionStatus.succeeded);
            assertThat(rotated.executions().get(id).input()).isNotNull();
            assertThat(rotated.views().stepRuns(id).get("before").output()).isNotNull();
        }
        assertThat(rotated.executions().get(running).output()).isEqualTo(JSON.readTree("{\"echo\": \"s3\"}"));
        assertThat(rotated.executions().get(finished).output()).isEqualTo(JSON.readTree("{\"echo\": \"old\"}"));

        // once the previous key is dropped, what the new key sealed still opens; what only the old key sealed does not
        ExecutionStore newOnly = store(newKey, null);
        UUID afterRotation = newOnly.executions().start("rotate", "r1", "manual", JSON.readTree("{\"secret\": \"n\"}"),
                Optional.empty(), clock.instant(), Duration.ofHours(1), null);
        assertThat(newOnly.executions().get(afterRotation).input()).isEqualTo(JSON.readTree("{\"secret\": \"n\"}"));
        assertThatThrownBy(() -> newOnly.executions().get(running)).as("its input was sealed with the old key")
                .hasMessageContaining("cannot be decrypted with the current or previous key");
    }
}
