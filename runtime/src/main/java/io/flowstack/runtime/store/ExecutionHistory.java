package io.flowstack.runtime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Executions by workflow over time: which are still unfinished, and pruning to a workflow's history limit. */
public final class ExecutionHistory {
    private final DataSource dataSource;

    ExecutionHistory(DataSource dataSource) {
        this.dataSource = dataSource;
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

    /** Rows one pruning transaction deletes at most: a backlog is removed in short steps, never in one long delete. */
    public static final int PRUNE_BATCH = 500;

    /**
     * Deletes the workflow's finished executions beyond its newest {@code keep}, {@link #PRUNE_BATCH} at a time, each
     * step its own short transaction: a large backlog (a busy minute is tens of thousands of executions and five times
     * as many step rows) in one delete held WAL flushes and locks long enough to stall the checkpoints of running
     * executions. Returns how many were deleted.
     */
    public int prune(String workflow, int keep) {
        int total = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement delete = c.prepareStatement(
                "DELETE FROM executions WHERE id IN (SELECT id FROM executions WHERE workflow = ?"
                        + " AND status NOT IN ('pending', 'running') ORDER BY finished_at DESC OFFSET ? LIMIT ?)")) {
            delete.setString(1, workflow);
            delete.setInt(2, keep);
            delete.setInt(3, PRUNE_BATCH);
            for (int deleted = PRUNE_BATCH; deleted == PRUNE_BATCH; total += deleted) {
                deleted = delete.executeUpdate();
            }
            return total;
        } catch (SQLException e) {
            throw new StoreException("cannot prune executions of " + workflow, e);
        }
    }
}
