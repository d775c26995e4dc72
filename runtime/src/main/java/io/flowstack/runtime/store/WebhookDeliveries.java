package io.flowstack.runtime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Signatures of webhook deliveries seen lately, shared by the replicas, so a replayed request is refused. A delivery is
 * recorded together with its execution ({@link Executions#startDelivery}); this part forgets old ones.
 */
public final class WebhookDeliveries {
    private final DataSource dataSource;

    WebhookDeliveries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Forgets deliveries older than twice the replay window (older requests are refused by their timestamp). */
    public int forget(Instant now, Duration window) {
        int total = 0;
        try (Connection c = dataSource.getConnection();
             PreparedStatement cleanup = c.prepareStatement("DELETE FROM webhook_deliveries WHERE ctid IN (SELECT ctid"
                     + " FROM webhook_deliveries WHERE received_at < ? LIMIT ?)")) {
            cleanup.setTimestamp(1, Timestamp.from(now.minus(window).minus(window)));
            cleanup.setInt(2, ExecutionHistory.PRUNE_BATCH);
            // in short steps, as ExecutionHistory.prune
            for (int deleted = ExecutionHistory.PRUNE_BATCH; deleted == ExecutionHistory.PRUNE_BATCH; total += deleted) {
                deleted = cleanup.executeUpdate();
            }
            return total;
        } catch (SQLException e) {
            throw new StoreException("cannot forget old webhook deliveries", e);
        }
    }
}
