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
        var builder = EmbeddedPostgres.builder().setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on");
        if (Boolean.getBoolean("bench.statements")) {
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        return builder.start();
    }

    /** With -Dbench.statements=true: the statements of the measured run by total time (pg_stat_statements). */
    static void resetStatements(DataSource dataSource) throws SQLException {
        if (Boolean.getBoolean("bench.statements")) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                s.execute("SELECT pg_stat_statements_reset()");
            }
        }
    }

    static void printStatements(DataSource dataSource, long executions) throws SQLException {
        if (!Boolean.getBoolean("bench.statements")) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT calls, total_exec_time, total_plan_time, rows, query"
                     + " FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 25")) {
            System.out.println("| calls per execution | exec ms per execution (wall time in the server, waits for a core included) | plan ms | rows per call | statement |");
            System.out.println("| --- | --- | --- | --- | --- |");
            while (r.next()) {
                System.out.printf(java.util.Locale.ROOT, "| %.2f | %.4f | %.4f | %.1f | %s |%n",
                        r.getLong(1) / (double) executions, r.getDouble(2) / executions, r.getDouble(3) / executions,
                        r.getLong(4) / Math.max(1.0, r.getLong(1)), r.getString(5).replaceAll("\\s+", " "));
            }
        }
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
