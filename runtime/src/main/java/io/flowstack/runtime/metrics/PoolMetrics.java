package io.flowstack.runtime.metrics;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code flowstack_database_connections_active} and {@code flowstack_database_connections_max}: the database pool's
 * connections in use and its size, the two sides of FlowstackDatabasePoolSaturated (Agroal counts only with
 * {@code quarkus.datasource.metrics.enabled=true}, which application.properties sets).
 */
public final class PoolMetrics {
    public static final String ACTIVE = "flowstack_database_connections_active";
    public static final String MAX = "flowstack_database_connections_max";

    private PoolMetrics() {
    }

    public static void register(MeterRegistry registry, AgroalDataSource dataSource) {
        Gauge.builder(ACTIVE, dataSource, d -> d.getMetrics().activeCount())
                .description("Database connections in use by the runtime").register(registry);
        Gauge.builder(MAX, dataSource, d -> d.getConfiguration().connectionPoolConfiguration().maxSize())
                .description("Size of the runtime's database connection pool").register(registry);
    }
}
