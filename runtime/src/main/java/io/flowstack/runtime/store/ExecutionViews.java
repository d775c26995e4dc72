package io.flowstack.runtime.store;

import io.flowstack.contract.ExecutionStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/** Read-only views for the API and the metrics: executions listed, an execution's steps, each workflow's activity,
 * counts by status. */
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

    /** A page of a workflow's executions (newest first) and the position after its last row, if there are more. */
    public record Page(List<Listed> executions, Optional<Position> next) {
    }

    /** One execution of a list. */
    public record Listed(UUID id, String revision, String trigger, ExecutionStatus status, Instant createdAt,
                         Instant startedAt, Instant finishedAt, String error) {
    }

    /** Where a page ends: the creation time and id of its last execution (ties broken by id). */
    public record Position(Instant createdAt, UUID id) {
    }

    /** What to list: a status, a creation time range [since, until), at most {@code limit} after a position. */
    public record Filter(Optional<ExecutionStatus> status, Optional<Instant> since, Optional<Instant> until, int limit,
                         Optional<Position> after) {
    }

    public Page list(String workflow, Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT id, revision, trigger, status, created_at, started_at, finished_at,"
                + " error FROM executions WHERE workflow = ?");
        List<Object> parameters = new ArrayList<>(List.of(workflow));
        filter.status().ifPresent(status -> {
            sql.append(" AND status = ?");
            parameters.add(status.name());
        });
        filter.since().ifPresent(since -> {
            sql.append(" AND created_at >= ?");
            parameters.add(Timestamp.from(since));
        });
        filter.until().ifPresent(until -> {
            sql.append(" AND created_at < ?");
            parameters.add(Timestamp.from(until));
        });
        filter.after().ifPresent(after -> {
            sql.append(" AND (created_at, id) < (?, ?)");
            parameters.add(Timestamp.from(after.createdAt()));
            parameters.add(after.id());
        });
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        parameters.add(filter.limit() + 1);
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setObject(i + 1, parameters.get(i));
            }
            List<Listed> rows = new ArrayList<>();
            try (ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    rows.add(new Listed(r.getObject(1, UUID.class), r.getString(2), r.getString(3),
                            ExecutionStatus.valueOf(r.getString(4)), Rows.instant(r, 5), Rows.instant(r, 6),
                            Rows.instant(r, 7), r.getString(8)));
                }
            }
            if (rows.size() <= filter.limit()) {
                return new Page(rows, Optional.empty());
            }
            List<Listed> page = rows.subList(0, filter.limit());
            Listed last = page.get(page.size() - 1);
            return new Page(List.copyOf(page), Optional.of(new Position(last.createdAt(), last.id())));
        } catch (SQLException e) {
            throw new StoreException("cannot list the executions of " + workflow, e);
        }
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
