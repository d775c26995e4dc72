package io.flowstack.runtime.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statements that checkpoint step rows: each writes all its rows or none, only while the execution's lease is
 * held (or, to finish, while the update that ends it finds it leased), in one statement and so in one commit.
 */
final class CheckpointSql {
    private CheckpointSql() {
    }

    /** Upserts a step row from the id a CTE returns (none: nothing written); values bound by WorkQueue.bindStep, 8 per row. */
    private static final String UPSERT_STEP = " INSERT INTO step_runs (execution_id, step, status, attempts, output,"
            + " error, started_at, finished_at, next_attempt_at) SELECT id, ?, ?, ?, ?, ?, ?, ?, ? FROM %s"
            + " ON CONFLICT (execution_id, step) DO UPDATE SET status = EXCLUDED.status, attempts = EXCLUDED.attempts,"
            + " output = EXCLUDED.output, error = EXCLUDED.error, finished_at = EXCLUDED.finished_at,"
            + " next_attempt_at = EXCLUDED.next_attempt_at";
    private static final String LEASED = "WITH lease AS (SELECT id FROM executions WHERE id = ? AND lease_owner = ?"
            + " AND status = 'running' FOR SHARE)";
    private static final String FINISHED = "WITH done AS (UPDATE executions SET status = ?, output = ?, error = ?,"
            + " finished_at = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?"
            + " AND status = 'running' RETURNING id)";
    /** Statements by number of step rows (a few steps' checkpoints wait for one another, so these stay few). */
    private static final Map<Integer, String> CHECKPOINTS = new ConcurrentHashMap<>();
    private static final Map<Integer, String> FINISHES = new ConcurrentHashMap<>();

    /** Upserts {@code rows} step rows under the lease, in one statement; its count is the last upsert's (1 or 0). */
    static String checkpoint(int rows) {
        return CHECKPOINTS.computeIfAbsent(rows, n -> steps(LEASED, "lease", n));
    }

    /** Ends the execution and upserts {@code rows} step rows, in one statement, only under the lease. */
    static String finish(int rows) {
        return FINISHES.computeIfAbsent(rows, n -> steps(FINISHED, "done", n));
    }

    private static String steps(String head, String from, int rows) {
        StringBuilder sql = new StringBuilder(head);
        for (int i = 0; i < rows - 1; i++) {
            sql.append(", step").append(i).append(" AS (").append(UPSERT_STEP.formatted(from)).append(')');
        }
        return sql.append(UPSERT_STEP.formatted(from)).toString();
    }
}
