package io.flowstack.runtime.store;

import io.flowstack.contract.ExecutionStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The engine's side of the store: work is claimed with {@code FOR UPDATE SKIP LOCKED} and held by a lease, so
 * replicas sharing the database never run one execution at the same time, and a dead replica's executions are taken
 * over once its lease expires. Every checkpoint checks the lease in the same statement; checkpoints and ends of
 * concurrent executions share commits (group commit).
 */
public final class WorkQueue {
    private final DataSource dataSource;
    private final SealedValues sealed;
    private final GroupCommit commits;

    WorkQueue(DataSource dataSource, SealedValues sealed, GroupCommit commits) {
        this.dataSource = dataSource;
        this.sealed = sealed;
        this.commits = commits;
    }

    /** Transactions that committed starts, checkpoints and ends so far, and how many of those writes they held. */
    public long transactions() {
        return commits.transactions();
    }

    public long durableWrites() {
        return commits.writes();
    }

    public List<Loaded> claim(String owner, int limit, Instant now, Duration lease) {
        String sql = "WITH picked AS (SELECT id FROM executions WHERE status IN ('pending', 'running')"
                + " AND next_run_at <= ? AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_run_at LIMIT ?"
                + " FOR UPDATE SKIP LOCKED)"
                + " UPDATE executions e SET status = 'running', lease_owner = ?, lease_until = ?,"
                + " started_at = COALESCE(e.started_at, ?) FROM picked WHERE e.id = picked.id"
                + " RETURNING e.id, e.workflow, e.revision, e.trigger, e.status, e.input, e.output, e.error,"
                + " e.created_at, e.started_at, e.finished_at, e.deadline, e.scheduled_at,"
                + " EXISTS (SELECT 1 FROM step_runs s WHERE s.execution_id = e.id)";
        List<Execution> fresh = new ArrayList<>();
        List<UUID> resumed = new ArrayList<>();
        Map<UUID, Execution> byId = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement claim = c.prepareStatement(sql)) {
            claim.setTimestamp(1, Timestamp.from(now));
            claim.setTimestamp(2, Timestamp.from(now));
            claim.setInt(3, limit);
            claim.setString(4, owner);
            claim.setTimestamp(5, Timestamp.from(now.plus(lease)));
            claim.setTimestamp(6, Timestamp.from(now));
            try (ResultSet r = claim.executeQuery()) {
                while (r.next()) {
                    UUID id = r.getObject(1, UUID.class);
                    Execution execution = Rows.execution(r, 2, id, sealed);
                    byId.put(id, execution);
                    if (r.getBoolean(14)) {
                        resumed.add(id);
                    } else {
                        fresh.add(execution);
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot claim executions", e);
        }
        List<Loaded> claimed = new ArrayList<>();
        for (Execution execution : fresh) {
            claimed.add(new Loaded(execution, Map.of(), now.plus(lease)));
        }
        for (UUID id : resumed) {
            claimed.add(new Loaded(byId.get(id), Rows.stepRuns(dataSource, sealed, id), now.plus(lease)));
        }
        return claimed;
    }

    /** A claimed execution, its step checkpoints and until when the claim's lease holds. */
    public record Loaded(Execution execution, Map<String, StepRun> steps, Instant leaseUntil) {
    }

    public void checkpoint(UUID id, String owner, StepRun run, Instant now, Instant renewUntil) {
        byte[] output = sealStep(id, run);
        try {
            int written = commits.submit(new GroupCommit.Write(renewUntil == null ? CHECKPOINT_HELD : CHECKPOINT,
                    upsert -> {
                        int next = 1;
                        if (renewUntil != null) {
                            upsert.setTimestamp(next++, Timestamp.from(renewUntil));
                        }
                        upsert.setObject(next++, id);
                        upsert.setString(next++, owner);
                        bindStep(upsert, next, run, output, now);
                    }));
            if (written != 1) {
                throw new LeaseLostException(id);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot checkpoint step " + run.step() + " of execution " + id, e);
        }
    }

    /**
     * Checkpoints the step that ends an execution and ends it, in one statement (one commit instead of two): both are
     * written only if this runtime still holds the lease.
     */
    public void checkpointAndFinish(UUID id, String owner, StepRun run, Instant stepTime, Instant now, ExecutionStatus status,
                                    JsonNode output, String error) {
        byte[] sealedOutput = output == null ? null : sealed.seal(output, "output:" + id);
        byte[] stepOutput = sealStep(id, run);
        try {
            int written = commits.submit(new GroupCommit.Write(CHECKPOINT_AND_FINISH, statement -> {
                statement.setString(1, status.name());
                statement.setBytes(2, sealedOutput);
                statement.setString(3, error);
                statement.setTimestamp(4, Timestamp.from(now));
                statement.setObject(5, id);
                statement.setString(6, owner);
                bindStep(statement, 7, run, stepOutput, stepTime);
            }));
            if (written != 1) {
                throw new LeaseLostException(id);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot finish execution " + id + " with step " + run.step(), e);
        }
    }

    /** Upserts a step row from the id a CTE returns (none: nothing written); values bound by {@link #bindStep}. */
    private static final String UPSERT_STEP = " INSERT INTO step_runs (execution_id, step, status, attempts, output,"
            + " error, started_at, finished_at, next_attempt_at) SELECT id, ?, ?, ?, ?, ?, ?, ?, ? FROM %s"
            + " ON CONFLICT (execution_id, step) DO UPDATE SET status = EXCLUDED.status, attempts = EXCLUDED.attempts,"
            + " output = EXCLUDED.output, error = EXCLUDED.error, finished_at = EXCLUDED.finished_at,"
            + " next_attempt_at = EXCLUDED.next_attempt_at";
    private static final String CHECKPOINT = "WITH lease AS (UPDATE executions SET lease_until = ? WHERE id = ?"
            + " AND lease_owner = ? AND status = 'running' RETURNING id)" + UPSERT_STEP.formatted("lease");
    private static final String CHECKPOINT_HELD = "WITH lease AS (SELECT id FROM executions WHERE id = ?"
            + " AND lease_owner = ? AND status = 'running' FOR SHARE)" + UPSERT_STEP.formatted("lease");
    private static final String CHECKPOINT_AND_FINISH = "WITH done AS (UPDATE executions SET status = ?, output = ?,"
            + " error = ?, finished_at = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?"
            + " AND status = 'running' RETURNING id)" + UPSERT_STEP.formatted("done");

    private static void bindStep(PreparedStatement statement, int first, StepRun run, byte[] sealedOutput, Instant time)
            throws SQLException {
        statement.setString(first, run.step());
        statement.setString(first + 1, run.status().name());
        statement.setInt(first + 2, run.attempts());
        statement.setBytes(first + 3, sealedOutput);
        statement.setString(first + 4, run.error());
        statement.setTimestamp(first + 5, Timestamp.from(time));
        statement.setTimestamp(first + 6, run.status().finished() ? Timestamp.from(time) : null);
        statement.setTimestamp(first + 7, run.nextAttemptAt() == null ? null : Timestamp.from(run.nextAttemptAt()));
    }

    private byte[] sealStep(UUID id, StepRun run) {
        return run.output() == null ? null : sealed.seal(run.output(), "step:" + id + ":" + run.step());
    }

    /** Ends an execution and releases it. */
    public void finish(UUID id, String owner, ExecutionStatus status, JsonNode output, String error, Instant now) {
        byte[] sealedOutput = output == null ? null : sealed.seal(output, "output:" + id);
        try {
            int written = commits.submit(new GroupCommit.Write("UPDATE executions SET status = ?, output = ?, error = ?,"
                    + " finished_at = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?"
                    + " AND status = 'running'", update -> {
                        update.setString(1, status.name());
                        update.setBytes(2, sealedOutput);
                        update.setString(3, error);
                        update.setTimestamp(4, Timestamp.from(now));
                        update.setObject(5, id);
                        update.setString(6, owner);
                    }));
            if (written != 1) {
                throw new LeaseLostException(id);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot finish execution " + id, e);
        }
    }

    public void park(UUID id, String owner, Instant nextRunAt) {
        try {
            int written = commits.submit(new GroupCommit.Write("UPDATE executions SET next_run_at = ?, lease_owner = NULL,"
                    + " lease_until = NULL WHERE id = ? AND lease_owner = ? AND status = 'running'", update -> {
                        update.setTimestamp(1, Timestamp.from(nextRunAt));
                        update.setObject(2, id);
                        update.setString(3, owner);
                    }));
            if (written != 1) {
                throw new LeaseLostException(id);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot park execution " + id, e);
        }
    }
}
