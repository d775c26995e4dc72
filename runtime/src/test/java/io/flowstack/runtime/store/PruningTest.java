package io.flowstack.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstack.runtime.TestingDatabase;
import io.flowstack.runtime.crypto.Sealer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A backlog larger than one pruning transaction is removed in steps: the newest are kept, unfinished executions are
 * never touched, and old replay records go the same way.
 */
class PruningTest {
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

    @Test
    void aBacklogOfSeveralBatchesIsPrunedToTheNewestAndUnfinishedOnesStay() throws SQLException {
        int finished = ExecutionHistory.PRUNE_BATCH * 2 + 137;
        sql("INSERT INTO executions (id, workflow, revision, trigger, status, created_at, finished_at, deadline,"
                + " next_run_at) SELECT gen_random_uuid(), 'w', 'r1', 'manual', 'succeeded', now(),"
                + " now() - make_interval(secs => g), now() + interval '1 hour', now() FROM generate_series(1, "
                + finished + ") g");
        sql("INSERT INTO executions (id, workflow, revision, trigger, status, created_at, deadline, next_run_at)"
                + " SELECT gen_random_uuid(), 'w', 'r1', 'manual', 'running', now(), now() + interval '1 hour', now()"
                + " FROM generate_series(1, 3)");
        assertThat(store.history().prune("w", 100)).isEqualTo(finished - 100);
        assertThat(count("SELECT count(*) FROM executions WHERE status = 'succeeded'")).isEqualTo(100);
        assertThat(count("SELECT max(extract(epoch FROM now() - finished_at)) FROM executions"
                + " WHERE status = 'succeeded'")).as("the newest are kept").isLessThanOrEqualTo(101);
        assertThat(count("SELECT count(*) FROM executions WHERE status = 'running'")).isEqualTo(3);
        assertThat(store.history().prune("w", 100)).isZero();
    }

    @Test
    void oldReplayRecordsAreForgottenInStepsToo() throws SQLException {
        int old = ExecutionHistory.PRUNE_BATCH + 10;
        sql("INSERT INTO webhook_deliveries (signature, workflow, received_at) SELECT md5(g::text), 'w',"
                + " now() - interval '2 hours' FROM generate_series(1, " + old + ") g");
        sql("INSERT INTO webhook_deliveries (signature, workflow, received_at) VALUES ('fresh', 'w', now())");
        assertThat(store.deliveries().forget(Instant.now(), Duration.ofMinutes(5))).isEqualTo(old);
        assertThat(count("SELECT count(*) FROM webhook_deliveries")).isEqualTo(1);
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private long count(String query) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }
}
