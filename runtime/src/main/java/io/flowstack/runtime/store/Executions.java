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
    private final DataSource dataSource;
    private final SealedValues sealed;
    private final GroupCommit commits;

    Executions(DataSource dataSource, SealedValues sealed, GroupCommit commits) {
        this.dataSource = dataSource;
        this.sealed = sealed;
        this.commits = commits;
    }

    /**
     * Starts an execution; with an idempotency key that was used before, returns the earlier execution instead. A
     * schedule's tick passes {@code scheduledAt} (the tick is also its idempotency key: one execution per tick).
     */
    public UUID start(String workflow, String revision, String trigger, JsonNode input, Optional<String> idempotencyKey,
                      Instant now, Duration timeout, Instant scheduledAt) {
        UUID id = UUID.randomUUID();
        String sql = "INSERT INTO executions (id, workflow, revision, trigger, status, input, idempotency_key, created_at,"
                + " deadline, next_run_at, scheduled_at) VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (workflow, idempotency_key) DO NOTHING";
        byte[] sealedInput = sealed.seal(input, "input:" + id);
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
