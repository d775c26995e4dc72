package io.flowstack.bench;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/** The benchmark's PostgreSQL: durable (fsync and synchronous commits on), pooled as the runtime's, and its floors. */
final class BenchDatabase {
    private BenchDatabase() {
    }

    /** PostgreSQL's production defaults for durability, not the embedded server's fsync=off. */
    static EmbeddedPostgres startDurable() throws java.io.IOException {
        return EmbeddedPostgres.builder().setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on").start();
    }

    /** A pool like the runtime's Agroal datasource. */
    static DataSource pooled(EmbeddedPostgres postgres, int maxSize) throws SQLException {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(maxSize)
                        .connectionFactoryConfiguration(factory -> factory
                                .jdbcUrl(postgres.getJdbcUrl("postgres", "postgres"))
                                .principal(new NamePrincipal("postgres"))
                                .credential(new SimplePassword("postgres")))));
    }

    static String settings(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            StringBuilder out = new StringBuilder();
            for (String setting : new String[] {"server_version", "fsync", "synchronous_commit"}) {
                try (ResultSet r = s.executeQuery("SHOW " + setting)) {
                    r.next();
                    out.append(setting).append('=').append(r.getString(1)).append(' ');
                }
            }
            return out.toString().trim();
        }
    }

    /** Autocommitted single-row inserts from {@code threads} threads at once. */
    static double rawCommitRate(DataSource dataSource, Duration duration, int threads) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS commit_probe (id bigserial PRIMARY KEY, payload text)");
        }
        AtomicLong commits = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                try (Connection c = dataSource.getConnection();
                     var insert = c.prepareStatement("INSERT INTO commit_probe (payload) VALUES (?)")) {
                    while (System.nanoTime() < end) {
                        insert.setString(1, "x".repeat(200));
                        insert.executeUpdate();
                        commits.incrementAndGet();
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        return commits.get() / (duration.toNanos() / 1e9);
    }
}
