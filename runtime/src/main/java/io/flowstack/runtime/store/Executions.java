package io.flowstack.runtime.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The lifecycle of executions as their callers see it: started (with an idempotency key, once), read, cancelled. Starts
 * go through the group commit, so they are durable on return.
 */
public final class Executions {
    private static final String INSERT_INTO = "INSERT INTO executions (id, workflow, revision, trigger, status, input,"
            + " idempotency_key, created_at, deadline, next_run_at, scheduled_at, first_attempt) ";
    private static final String ON_CONFLICT = " ON CONFLICT (workflow, idempotency_key) DO NOTHING";
    /** A start; written once, not formatted per execution (String.format showed in the webhook profile). */
    private static final String INSERT = INSERT_INTO + "VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?)"
            + ON_CONFLICT;
    /** A webhook's start: its delivery recorded in the same statement, no execution for a replayed delivery. */
    private static final String INSERT_WITH_DELIVERY = "WITH delivery AS (INSERT INTO webhook_deliveries (signature,"
            + " workflow, received_at) VALUES (?, ?, ?) ON CONFLICT (signature) DO NOTHING RETURNING 1) " + INSERT_INTO
            + "SELECT ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ? FROM delivery" + ON_CONFLICT;

    private final DataSource dataSource;
    private final SealedValues sealed;
    private final GroupCommit commits;

    Executions(DataSource dataSource, SealedValues sealed, GroupCommit commits) {
        this.dataSource = dataSource;
        this.sealed = sealed;
        this.commits = commits;
    }

    /**
     * Starts an execution; with an idempotency key that was used before, returns the earlier execution instead (or
     * refuses, when the earlier one had another input). A schedule's tick passes {@code scheduledAt} (the tick is also
     * its idempotency key: one execution per tick).
     */
    public UUID start(String workflow, String revision, String trigger, JsonNode input, Optional<String> idempotencyKey,
                      Instant now, Duration timeout, Instant scheduledAt) {
        return start(workflow, revision, trigger, input, idempotencyKey, now, timeout, scheduledAt, null, null)
                .orElseThrow();
    }

    /**
     * The same, naming the step the execution starts with when it acts on the outside world: its first claim records
     * that step's start in the claim's own statement.
     */
    public UUID start(String workflow, String revision, String trigger, JsonNode input, Optional<String> idempotencyKey,
                      Instant now, Duration timeout, Instant scheduledAt, String firstAttempt) {
        return start(workflow, revision, trigger, input, idempotencyKey, now, timeout, scheduledAt, null, firstAttempt)
                .orElseThrow();
    }

    /**
     * Starts an execution for a signed webhook delivery: the delivery's signature is recorded in the same statement
     * (one transaction), so a crash can never leave a delivery recorded without its execution. Empty when the
     * signature was recorded before (a replay), unless an idempotency key names the execution it started.
     */
    public Optional<UUID> startDelivery(String workflow, String revision, JsonNode input, Optional<String> idempotencyKey,
                                        Instant now, Duration timeout, String signature, String firstAttempt) {
        return start(workflow, revision, "webhook", input, idempotencyKey, now, timeout, null, signature, firstAttempt);
    }

    private Optional<UUID> start(String workflow, String revision, String trigger, JsonNode input,
                                 Optional<String> idempotencyKey, Instant now, Duration timeout, Instant scheduledAt,
                                 String signature, String firstAttempt) {
        UUID id = UUID.randomUUID();
        String sql = signature == null ? INSERT : INSERT_WITH_DELIVERY;
        byte[] sealedInput = sealed.seal(input, "input:" + id);
        try {
            int inserted = commits.submit(new GroupCommit.Write(sql, statement -> {
                int next = 1;
                if (signature != null) {
                    statement.setString(next++, signature);
                    statement.setString(next++, workflow);
                    statement.setTimestamp(next++, Timestamp.from(now));
                }
                statement.setObject(next++, id);
                statement.setString(next++, workflow);
                statement.setString(next++, revision);
                statement.setString(next++, trigger);
                statement.setBytes(next++, sealedInput);
                statement.setString(next++, idempotencyKey.orElse(null));
                statement.setTimestamp(next++, Timestamp.from(now));
                statement.setTimestamp(next++, Timestamp.from(now.plus(timeout)));
                statement.setTimestamp(next++, Timestamp.from(now));
                statement.setTimestamp(next++, scheduledAt == null ? null : Timestamp.from(scheduledAt));
                statement.setString(next, firstAttempt);
            }));
            if (inserted == 1) {
                return Optional.of(id);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot start an execution of " + workflow, e);
        }
        return idempotencyKey.isEmpty() ? Optional.empty() : earlier(workflow, idempotencyKey.get(), input);
    }

    /** The execution an idempotency key started before (committed, as the insert waited for it), if its input is
     * the same. */
    private Optional<UUID> earlier(String workflow, String idempotencyKey, JsonNode input) {
        try (Connection c = dataSource.getConnection(); PreparedStatement existing = c.prepareStatement(
                "SELECT id, input FROM executions WHERE workflow = ? AND idempotency_key = ?")) {
            existing.setString(1, workflow);
            existing.setString(2, idempotencyKey);
            try (ResultSet result = existing.executeQuery()) {
                if (!result.next()) {
                    return Optional.empty();   // pruned since: the key is free again, but this request is a replay
                }
                UUID id = result.getObject(1, UUID.class);
                JsonNode before = sealed.open(result.getBytes(2), "input:" + id);
                if (before != null && !before.equals(input)) {
                    throw new IdempotencyKeyReusedException(idempotencyKey, id);
                }
                return Optional.of(id);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot start an execution of " + workflow, e);
        }
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
                return Rows.execution(r, 1, id, sealed);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read execution " + id, e);
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
}
