package io.flowstack.runtime.store;

import io.flowstack.contract.ExecutionStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/** Reading rows back: an execution from its columns, a step's checkpoints, timestamps. */
final class Rows {
    private Rows() {
    }

    static Execution execution(ResultSet r, int first, UUID id, SealedValues sealed) throws SQLException {
        return new Execution(id, r.getString(first), r.getString(first + 1), r.getString(first + 2),
                ExecutionStatus.valueOf(r.getString(first + 3)), sealed.open(r.getBytes(first + 4), "input:" + id),
                sealed.open(r.getBytes(first + 5), "output:" + id), r.getString(first + 6), Rows.instant(r, first + 7),
                Rows.instant(r, first + 8), Rows.instant(r, first + 9), Rows.instant(r, first + 10), Rows.instant(r, first + 11));
    }

    static Map<String, StepRun> stepRuns(DataSource dataSource, SealedValues sealed, UUID id) {
        Map<String, StepRun> runs = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "SELECT step, status, attempts, output, error, next_attempt_at FROM step_runs WHERE execution_id = ?"
                        + " ORDER BY seq")) {
            query.setObject(1, id);
            try (ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    String step = r.getString(1);
                    runs.put(step, new StepRun(step, StepRun.Status.valueOf(r.getString(2)), r.getInt(3),
                            sealed.open(r.getBytes(4), "step:" + id + ":" + step), r.getString(5), Rows.instant(r, 6)));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new StoreException("cannot read the steps of execution " + id, e);
        }
    }

    static Instant instant(ResultSet r, int column) throws SQLException {
        Timestamp timestamp = r.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
