package io.flowstack.runtime.store;

import io.flowstack.contract.ExecutionStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/** Read-only views for the API and the metrics: an execution's steps, each workflow's activity, counts by status. */
public final class ExecutionViews {
    private final DataSource dataSource;
    private final SealedValues sealed;

    ExecutionViews(DataSource dataSource, SealedValues sealed) {
        this.dataSource = dataSource;
        this.sealed = sealed;
    }

    /** An execution's step checkpoints, in the order they started. */
    public Map<String, StepRun> stepRuns(UUID id) {
        return Rows.stepRuns(dataSource, sealed, id);
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
                    activity.put(r.getString(1), new Activity(r.getObject(2, UUID.class), ExecutionStatus.valueOf(r.getString(3)), Rows.instant(r, 4),
                            Rows.instant(r, 5), finished[0], finished[1]));
                }
            }
            return activity;
        } catch (SQLException e) {
            throw new StoreException("cannot summarize the workflows' activity", e);
        }
    }

    /** Executions by status (the pending gauge). */
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
}
