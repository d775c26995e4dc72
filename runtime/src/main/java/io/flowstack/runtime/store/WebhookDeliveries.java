package io.flowstack.runtime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/** Signatures of webhook deliveries seen lately, shared by the replicas, so a replayed request is refused. */
public final class WebhookDeliveries {
    private final DataSource dataSource;

    WebhookDeliveries(DataSource dataSource) {
        this.dataSource = dataSource;
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
}
