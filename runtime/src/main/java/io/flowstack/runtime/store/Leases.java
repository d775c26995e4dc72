package io.flowstack.runtime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Leases of claimed executions after the claim ({@link WorkQueue#claim}): renewed by a live runtime's heartbeat and
 * handed back by one that stops or will not get to them, each by its lease token, on the database's clock.
 */
public final class Leases {
    private final DataSource dataSource;

    Leases(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Extends the leases of executions this runtime is running (the heartbeat), on the database's clock, and returns
     * the ids renewed. Rows another transaction has locked at this instant (a group commit checkpointing them) are
     * skipped rather than waited for: waiting would deadlock with commits that lock executions in another order, and
     * a skipped lease is renewed at the next beat, two beats before it lapses.
     */
    public Set<UUID> renew(Map<UUID, String> held, Duration lease) {
        return leaseUpdate("UPDATE executions e SET lease_until = now() + ? * interval '1 millisecond'", held,
                lease.toMillis(), " SKIP LOCKED");
    }

    /** Hands executions back at once (a graceful stop, or claimed work this worker will not get to): any replica
     * may claim them right away. Returns the ids released. */
    public Set<UUID> release(Map<UUID, String> held) {
        return leaseUpdate("UPDATE executions e SET lease_owner = NULL, lease_until = NULL", held, -1, "");
    }

    /**
     * Hands back claimed executions this worker did not begin. The first-step starts their claim recorded (ids in
     * {@code recorded}) are taken back with them, and those executions are pending again: no attempt is counted for
     * a step that never started.
     */
    public Set<UUID> releaseUnstarted(Map<UUID, String> held, Set<UUID> recorded) {
        if (recorded.isEmpty()) {
            return release(held);
        }
        return leaseUpdate("WITH forget AS (DELETE FROM step_runs s WHERE s.execution_id = ANY(?::uuid[])"
                + " AND s.status = 'running' AND s.attempts = 1)"
                + " UPDATE executions e SET lease_owner = NULL, lease_until = NULL,"
                + " status = CASE WHEN e.id = ANY(?::uuid[]) THEN 'pending' ELSE e.status END", held,
                recorded.toArray(UUID[]::new), "");
    }

    private Set<UUID> leaseUpdate(String update, Map<UUID, String> held, long leaseMillis, String locking) {
        return leaseUpdate(update, held, leaseMillis, null, locking);
    }

    private Set<UUID> leaseUpdate(String update, Map<UUID, String> held, UUID[] recorded, String locking) {
        return leaseUpdate(update, held, -1, recorded, locking);
    }

    private Set<UUID> leaseUpdate(String update, Map<UUID, String> held, long leaseMillis, UUID[] recorded,
                                  String locking) {
        if (held.isEmpty()) {
            return Set.of();
        }
        List<UUID> ids = new ArrayList<>(held.keySet());
        String[] tokens = ids.stream().map(held::get).toArray(String[]::new);
        Set<UUID> done = new HashSet<>();
        // rows locked in id order, so two of these statements never wait on each other in a cycle
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(update
                + " FROM (SELECT x.id FROM executions x JOIN unnest(?::uuid[], ?::text[]) AS h(id, token)"
                + " ON x.id = h.id AND x.lease_owner = h.token WHERE x.status = 'running' ORDER BY x.id"
                + " FOR UPDATE OF x" + locking + ") AS mine WHERE e.id = mine.id RETURNING e.id")) {
            int next = 1;
            if (leaseMillis >= 0) {
                statement.setLong(next++, leaseMillis);
            }
            if (recorded != null) {
                statement.setArray(next++, c.createArrayOf("uuid", recorded));
                statement.setArray(next++, c.createArrayOf("uuid", recorded));
            }
            statement.setArray(next++, c.createArrayOf("uuid", ids.toArray()));
            statement.setArray(next, c.createArrayOf("text", tokens));
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    done.add(r.getObject(1, UUID.class));
                }
            }
            return done;
        } catch (SQLException e) {
            throw new StoreException("cannot update the leases of " + ids.size() + " execution(s)", e);
        }
    }
}
