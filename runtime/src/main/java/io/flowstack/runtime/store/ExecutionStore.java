package io.flowstack.runtime.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowstack.runtime.crypto.Sealer;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Executions and step checkpoints in PostgreSQL. Work is claimed with {@code FOR UPDATE SKIP LOCKED} and held by a
 * lease, so replicas sharing the database never run one execution at the same time, and a dead replica's executions
 * are taken over once its lease expires. Every checkpoint checks the lease in the same transaction. Inputs and outputs
 * are sealed before they reach the database.
 */
public final class ExecutionStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DataSource dataSource;
    private final Sealer sealer;
    /** Starts, checkpoints and ends go through here: concurrent ones share a commit, each is durable on return. */
    private final GroupCommit commits;

    public ExecutionStore(DataSource dataSource, Sealer sealer) {
        this.dataSource = dataSource;
        this.sealer = sealer;
        this.commits = new GroupCommit(dataSource, 2);
    }

    /** Transactions that committed starts, checkpoints and ends so far, and how many of those writes they held. */
    public long transactions() {
        return commits.transactions();
    }

    public long durableWrites() {
        return commits.writes();
    }

    /** Applies the schema migrations; safe to call from every replica at start. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    /** Starts an execution; with an idempotency key that was used before, returns the earlier execution instead. */
    public UUID start(String workflow, String revision, String trigger, JsonNode input, Optional<String> idempotencyKey,
                      Instant now, Duration timeout) {
        return start(workflow, revision, trigger, input, idempotencyKey, now, timeout, null);
    }

    /** Starts an execution for a schedule's tick (the tick is also its idempotency key: one execution per tick). */
    public UUID start(String workflow, String revision, String trigger, JsonNode input, Optional<String> idempotencyKey,
                      Instant now, Duration timeout, Instant scheduledAt) {
        UUID id = UUID.randomUUID();
        String sql = "INSERT INTO executions (id, workflow, revision, trigger, status, input, idempotency_key, created_at,"
                + " deadline, next_run_at, scheduled_at) VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (workflow, idempotency_key) DO NOTHING";
        byte[] sealedInput = seal(input, "input:" + id);
        try {
            int inserted = commits.submit(new GroupCommit.Write(sql, insert -> {
                insert.setObject(1, id);
                insert.setString(2, workflow);
                insert.setString(3, revision);
                insert.setString(4, trigger);
                insert.setBytes(5, sealedInput);
                insert.setString(6, idempotencyKey.orElse(null));
                insert.setTimestamp(7, Timestamp.from(now));
                insert.setTimestamp(8, Timestamp.from(now.plus(timeout)));
                insert.setTimestamp(9, Timestamp.from(now));
                insert.setTimestamp(10, scheduledAt == null ? null : Timestamp.from(scheduledAt));
            }));
            if (inserted == 1) {
                return id;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot start an execution of " + workflow, e);
        }
        // the idempotency key was used before: the earlier execution (committed, as the insert waited for it)
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement existing = c.prepareStatement(
                    "SELECT id FROM executions WHERE workflow = ? AND idempotency_key = ?")) {
                existing.setString(1, workflow);
                existing.setString(2, idempotencyKey.orElseThrow());
                try (ResultSet result = existing.executeQuery()) {
                    result.next();
                    return result.getObject(1, UUID.class);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot start an execution of " + workflow, e);
        }
    }

    /**
     * Claims up to {@code limit} due executions for {@code owner} until {@code now + lease}, and returns them loaded:
     * one statement (one round trip, one commit) picks, leases and reads them; the checkpoints of executions that had
     * already run steps (resumed after a wait or another replica's death) are read with one more query each.
     */
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
                    Execution execution = execution(r, 2, id);
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
            claimed.add(new Loaded(byId.get(id), stepRuns(id), now.plus(lease)));
        }
        return claimed;
    }

    /** An execution from the twelve columns workflow .. scheduled_at, starting at column {@code first}. */
    private Execution execution(ResultSet r, int first, UUID id) throws SQLException {
        return new Execution(id, r.getString(first), r.getString(first + 1), r.getString(first + 2),
                r.getString(first + 3), open(r.getBytes(first + 4), "input:" + id),
                open(r.getBytes(first + 5), "output:" + id), r.getString(first + 6), instant(r, first + 7),
                instant(r, first + 8), instant(r, first + 9), instant(r, first + 10), instant(r, first + 11));
    }

    public Execution get(UUID id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "SELECT workflow, revision, trigger, status, input, output, error, created_at, started_at, finished_at,"
                        + " deadline, scheduled_at FROM executions WHERE id = ?")) {
            query.setObject(1, id);
            try (ResultSet r = query.executeQuery()) {
                if (!r.next()) {
                    throw new StoreException("no execution " + id, null);
                }
                return execution(r, 1, id);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read execution " + id, e);
        }
    }

    /** A claimed execution, its step checkpoints and until when the claim's lease holds. */
    public record Loaded(Execution execution, Map<String, StepRun> steps, Instant leaseUntil) {
    }

    public Map<String, StepRun> stepRuns(UUID id) {
        Map<String, StepRun> runs = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "SELECT step, status, attempts, output, error, next_attempt_at FROM step_runs WHERE execution_id = ?"
                        + " ORDER BY started_at")) {
            query.setObject(1, id);
            try (ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    String step = r.getString(1);
                    runs.put(step, new StepRun(step, StepRun.Status.valueOf(r.getString(2)), r.getInt(3),
                            open(r.getBytes(4), "step:" + id + ":" + step), r.getString(5), instant(r, 6)));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new StoreException("cannot read the steps of execution " + id, e);
        }
    }

    /**
     * Checkpoints a step and renews the lease in one statement (one commit): the step is written only if this runtime
     * still holds the lease; otherwise nothing is written and {@link LeaseLostException} says why.
     */
    public void checkpoint(UUID id, String owner, StepRun run, Instant now, Duration lease) {
        checkpoint(id, owner, run, now, now.plus(lease));
    }

    /**
     * Checkpoints a step, in one statement, if this runtime still holds the lease; {@code renewUntil} also extends the
     * lease, {@code null} only checks it, holding the execution's row (FOR SHARE) until the step is written so no
     * replica can take the execution over in between. Renewing writes a new version of the execution's row; checking
     * does not, which is why the engine renews only when half the lease has gone.
     */
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
    public void checkpointAndFinish(UUID id, String owner, StepRun run, Instant stepTime, Instant now, String status,
                                    JsonNode output, String error) {
        byte[] sealedOutput = output == null ? null : seal(output, "output:" + id);
        byte[] stepOutput = sealStep(id, run);
        try {
            int written = commits.submit(new GroupCommit.Write(CHECKPOINT_AND_FINISH, statement -> {
                statement.setString(1, status);
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

    /** Binds a step row's eight values (step .. next_attempt_at), sealed output included, from parameter {@code first}. */
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
        return run.output() == null ? null : seal(run.output(), "step:" + id + ":" + run.step());
    }

    /** Ends an execution and releases it. */
    public void finish(UUID id, String owner, String status, JsonNode output, String error, Instant now) {
        byte[] sealedOutput = output == null ? null : seal(output, "output:" + id);
        try {
            int written = commits.submit(new GroupCommit.Write("UPDATE executions SET status = ?, output = ?, error = ?,"
                    + " finished_at = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?"
                    + " AND status = 'running'", update -> {
                        update.setString(1, status);
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

    /** Releases an execution that waits (a retry, a delay) until {@code nextRunAt}. */
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

    /** Remembers a webhook delivery's signature; false when it was seen before (a replay). Forgets old ones. */
    public boolean firstDelivery(String signature, String workflow, Instant now, Duration window) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement cleanup = c.prepareStatement("DELETE FROM webhook_deliveries WHERE received_at < ?")) {
                cleanup.setTimestamp(1, Timestamp.from(now.minus(window).minus(window)));
                cleanup.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO webhook_deliveries (signature, workflow,"
                    + " received_at) VALUES (?, ?, ?) ON CONFLICT (signature) DO NOTHING")) {
                insert.setString(1, signature);
                insert.setString(2, workflow);
                insert.setTimestamp(3, Timestamp.from(now));
                return insert.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot record a webhook delivery", e);
        }
    }

    /** Cancels an unfinished execution; false when it had already finished. A replica running it loses its lease. */
    public boolean cancel(UUID id, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "UPDATE executions SET status = 'cancelled', finished_at = ?, error = 'cancelled', lease_owner = NULL,"
                        + " lease_until = NULL WHERE id = ? AND status IN ('pending', 'running')")) {
            update.setTimestamp(1, Timestamp.from(now));
            update.setObject(2, id);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot cancel execution " + id, e);
        }
    }

    /** Unfinished executions of a workflow, except those started for the given schedule tick. */
    public List<UUID> unfinished(String workflow, Instant exceptTick) {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "SELECT id FROM executions WHERE workflow = ? AND status IN ('pending', 'running')"
                        + " AND scheduled_at IS DISTINCT FROM ?")) {
            query.setString(1, workflow);
            query.setTimestamp(2, exceptTick == null ? null : Timestamp.from(exceptTick));
            try (ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getObject(1, UUID.class));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new StoreException("cannot list executions of " + workflow, e);
        }
    }

    /** Deletes a workflow's finished executions beyond the newest {@code keep}; returns how many went. */
    public int prune(String workflow, int keep) {
        try (Connection c = dataSource.getConnection(); PreparedStatement delete = c.prepareStatement(
                "DELETE FROM executions WHERE id IN (SELECT id FROM executions WHERE workflow = ?"
                        + " AND status NOT IN ('pending', 'running') ORDER BY finished_at DESC OFFSET ?)")) {
            delete.setString(1, workflow);
            delete.setInt(2, keep);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot prune executions of " + workflow, e);
        }
    }

    /** Steps with their status and timing, for the API. */
    public List<Map<String, Object>> stepSummaries(UUID id) {
        List<Map<String, Object>> steps = new ArrayList<>();
        for (StepRun run : stepRuns(id).values()) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("name", run.step());
            step.put("status", run.status().name());
            step.put("attempts", run.attempts());
            step.put("output", run.output());
            step.put("error", run.error());
            step.put("nextAttemptAt", run.nextAttemptAt() == null ? null : run.nextAttemptAt().toString());
            steps.add(step);
        }
        return steps;
    }

    /**
     * Each workflow's newest execution and its finished and succeeded executions since {@code since}: two indexed
     * queries however many workflows there are.
     */
    public Map<String, Activity> activity(Instant since) {
        Map<String, Activity> activity = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement latest = c.prepareStatement(
                     "SELECT DISTINCT ON (workflow) workflow, id, status, started_at, finished_at FROM executions"
                             + " ORDER BY workflow, created_at DESC");
             PreparedStatement window = c.prepareStatement(
                     "SELECT workflow, count(*), count(*) FILTER (WHERE status = 'succeeded') FROM executions"
                             + " WHERE finished_at >= ? GROUP BY workflow")) {
            Map<String, long[]> counts = new HashMap<>();
            window.setTimestamp(1, Timestamp.from(since));
            try (ResultSet r = window.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), new long[] {r.getLong(2), r.getLong(3)});
                }
            }
            try (ResultSet r = latest.executeQuery()) {
                while (r.next()) {
                    long[] finished = counts.getOrDefault(r.getString(1), new long[2]);
                    activity.put(r.getString(1), new Activity(r.getObject(2, UUID.class), r.getString(3), instant(r, 4),
                            instant(r, 5), finished[0], finished[1]));
                }
            }
            return activity;
        } catch (SQLException e) {
            throw new StoreException("cannot summarize the workflows' activity", e);
        }
    }

    /** Executions by status, for metrics and tests. */
    public Map<String, Long> countByStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "SELECT status, count(*) FROM executions GROUP BY status")) {
            try (ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getLong(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new StoreException("cannot count executions", e);
        }
    }

    private byte[] seal(JsonNode value, String context) {
        try {
            return sealer.seal(JSON.writeValueAsBytes(value), context);
        } catch (IOException e) {
            throw new StoreException("cannot serialize a value", e);
        }
    }

    private JsonNode open(byte[] sealed, String context) {
        if (sealed == null) {
            return null;
        }
        try {
            return JSON.readTree(sealer.open(sealed, context));
        } catch (IOException e) {
            throw new StoreException("cannot read a stored value", e);
        }
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        Timestamp timestamp = r.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
