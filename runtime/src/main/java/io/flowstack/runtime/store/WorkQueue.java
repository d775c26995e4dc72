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
import java.util.HashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The engine's side of the store: work is claimed with {@code FOR UPDATE SKIP LOCKED} and held by a lease, so
 * replicas sharing the database never run one execution at the same time, and a dead replica's executions are taken
 * over once its lease expires. Each claim has its own lease token, so not even two workers of one replica can hold an
 * execution at once; a live runtime's heartbeat ({@link #renew}) keeps its leases from lapsing however long a step
 * takes. Every checkpoint checks the token in the same statement; checkpoints and ends of concurrent executions share
 * commits (group commit).
 */
public final class WorkQueue {
    private final DataSource dataSource;
    private final SealedValues sealed;
    private final GroupCommit commits;
    private final AtomicLong claims = new AtomicLong();
    private final String instance = Long.toHexString(new java.security.SecureRandom().nextLong());

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

    /**
     * Claims up to {@code limit} due executions under one new lease token; the lease is measured on the database's
     * clock, so replicas whose clocks disagree still agree on who holds what.
     */
    public List<Loaded> claim(String owner, int limit, Instant now, Duration lease) {
        String token = owner + "#" + instance + "-" + claims.incrementAndGet();
        // a first claim also records the start of the execution's first step when it acts on the outside world
        // (first_attempt, set when the execution started): no write of its own before that step
        String sql = "WITH picked AS (SELECT id, status AS was FROM executions WHERE status IN ('pending', 'running')"
                + " AND next_run_at <= ? AND (lease_until IS NULL OR lease_until < now()) ORDER BY next_run_at LIMIT ?"
                + " FOR UPDATE SKIP LOCKED),"
                + " claimed AS (UPDATE executions e SET status = 'running', lease_owner = ?,"
                + " lease_until = now() + ? * interval '1 millisecond',"
                + " started_at = COALESCE(e.started_at, ?) FROM picked WHERE e.id = picked.id"
                + " RETURNING e.id, e.workflow, e.revision, e.trigger, e.status, e.input, e.output, e.error,"
                + " e.created_at, e.started_at, e.finished_at, e.deadline, e.scheduled_at,"
                + " CASE WHEN picked.was = 'pending' THEN e.first_attempt END AS first_attempt,"
                + " EXISTS (SELECT 1 FROM step_runs s WHERE s.execution_id = e.id) AS resumed),"
                + " started AS (INSERT INTO step_runs (execution_id, step, status, attempts, started_at)"
                + " SELECT id, first_attempt, 'running', 1, ? FROM claimed WHERE first_attempt IS NOT NULL"
                + " ON CONFLICT (execution_id, step) DO NOTHING)"
                + " SELECT * FROM claimed";
        List<Execution> fresh = new ArrayList<>();
        List<UUID> resumed = new ArrayList<>();
        Map<UUID, Execution> byId = new LinkedHashMap<>();
        Map<UUID, String> firstAttempts = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement claim = c.prepareStatement(sql)) {
            claim.setTimestamp(1, Timestamp.from(now));
            claim.setInt(2, limit);
            claim.setString(3, token);
            claim.setLong(4, lease.toMillis());
            claim.setTimestamp(5, Timestamp.from(now));
            claim.setTimestamp(6, Timestamp.from(now));
            try (ResultSet r = claim.executeQuery()) {
                while (r.next()) {
                    UUID id = r.getObject(1, UUID.class);
                    Execution execution = Rows.execution(r, 2, id, sealed);
                    byId.put(id, execution);
                    if (r.getString(14) != null) {
                        firstAttempts.put(id, r.getString(14));
                    }
                    if (r.getBoolean(15)) {
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
            String first = firstAttempts.get(execution.id());
            claimed.add(new Loaded(execution, Map.of(), token, first == null ? null
                    : new StepRun(first, StepRun.Status.running, 1, null, null, null)));
        }
        for (UUID id : resumed) {
            claimed.add(new Loaded(byId.get(id), Rows.stepRuns(dataSource, sealed, id), token, null));
        }
        return claimed;
    }

    /**
     * A claimed execution, its step checkpoints, the token of the lease it is held under and the attempt the claim
     * recorded as started (the first step of a new execution, if it acts on the outside world), if any.
     */
    public record Loaded(Execution execution, Map<String, StepRun> steps, String lease, StepRun recorded) {
    }

    /**
     * Records that an attempt of a step starts, before it acts on the outside world, if the lease still holds: a step
     * in flight when its runtime dies is then counted when it runs again.
     */
    public void startAttempt(UUID id, String lease, String step, int attempt, Instant now) {
        try {
            int written = commits.submit(new GroupCommit.Write(CheckpointSql.checkpoint(1), upsert -> {
                upsert.setObject(1, id);
                upsert.setString(2, lease);
                bindStep(upsert, 3, new StepRun(step, StepRun.Status.running, attempt, null, null, null), null, now);
            }));
            if (written != 1) {
                throw new LeaseLostException(id);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot record attempt " + attempt + " of step " + step + " of execution " + id, e);
        }
    }

    public void checkpoint(UUID id, String lease, StepRun run, Instant now) {
        checkpoint(id, lease, run, null, now);
    }

    /**
     * Checkpoints a step and, when {@code next} is given (a {@code running} attempt), records in the same statement
     * that the next step's attempt starts.
     */
    public void checkpoint(UUID id, String lease, StepRun run, StepRun next, Instant now) {
        checkpoint(id, lease, List.of(run), next, now);
    }

    /**
     * Checkpoints steps (in the order they ran) and, when {@code next} is given (a {@code running} attempt), records in
     * the same statement that the next step's attempt starts: all or nothing, and only under the lease.
     */
    public void checkpoint(UUID id, String lease, List<StepRun> runs, StepRun next, Instant now) {
        List<byte[]> outputs = runs.stream().map(run -> sealStep(id, run)).toList();
        List<StepRun> rows = new ArrayList<>();
        List<byte[]> sealedRows = new ArrayList<>();
        if (next != null) {
            rows.add(next);
            sealedRows.add(null);
        }
        rows.addAll(runs);
        sealedRows.addAll(outputs);
        try {
            int written = commits.submit(new GroupCommit.Write(CheckpointSql.checkpoint(rows.size()), upsert -> {
                upsert.setObject(1, id);
                upsert.setString(2, lease);
                for (int i = 0; i < rows.size(); i++) {
                    bindStep(upsert, 3 + 8 * i, rows.get(i), sealedRows.get(i), now);
                }
            }));
            if (written != 1) {
                throw new LeaseLostException(id);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot checkpoint step " + runs.get(runs.size() - 1).step() + " of execution "
                    + id, e);
        }
    }

    /**
     * Checkpoints the step that ends an execution and ends it, in one statement (one commit instead of two): both are
     * written only if this runtime still holds the lease.
     */
    public void checkpointAndFinish(UUID id, String lease, StepRun run, Instant stepTime, Instant now, ExecutionStatus status,
                                    JsonNode output, String error) {
        checkpointAndFinish(id, lease, List.of(run), stepTime, now, status, output, error);
    }

    /** As above, with the steps whose checkpoints waited for this one (in the order they ran, the last one last). */
    public void checkpointAndFinish(UUID id, String lease, List<StepRun> runs, Instant stepTime, Instant now,
                                    ExecutionStatus status, JsonNode output, String error) {
        byte[] sealedOutput = output == null ? null : sealed.seal(output, "output:" + id);
        List<byte[]> stepOutputs = runs.stream().map(run -> sealStep(id, run)).toList();
        try {
            int written = commits.submit(new GroupCommit.Write(CheckpointSql.finish(runs.size()), statement -> {
                statement.setString(1, status.name());
                statement.setBytes(2, sealedOutput);
                statement.setString(3, error);
                statement.setTimestamp(4, Timestamp.from(now));
                statement.setObject(5, id);
                statement.setString(6, lease);
                for (int i = 0; i < runs.size(); i++) {
                    bindStep(statement, 7 + 8 * i, runs.get(i), stepOutputs.get(i), stepTime);
                }
            }));
            if (written != 1) {
                throw new LeaseLostException(id);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot finish execution " + id + " with step " + runs.get(runs.size() - 1).step(),
                    e);
        }
    }

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
    public void finish(UUID id, String lease, ExecutionStatus status, JsonNode output, String error, Instant now) {
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
                        update.setString(6, lease);
                    }));
            if (written != 1) {
                throw new LeaseLostException(id);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot finish execution " + id, e);
        }
    }

    public void park(UUID id, String lease, Instant nextRunAt) {
        try {
            int written = commits.submit(new GroupCommit.Write("UPDATE executions SET next_run_at = ?, lease_owner = NULL,"
                    + " lease_until = NULL WHERE id = ? AND lease_owner = ? AND status = 'running'", update -> {
                        update.setTimestamp(1, Timestamp.from(nextRunAt));
                        update.setObject(2, id);
                        update.setString(3, lease);
                    }));
            if (written != 1) {
                throw new LeaseLostException(id);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot park execution " + id, e);
        }
    }
}
