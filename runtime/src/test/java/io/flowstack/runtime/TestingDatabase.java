package io.flowstack.runtime;

import io.flowstack.runtime.store.ExecutionStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** A real PostgreSQL for the runtime's tests (embedded, started once per test class), migrated by Flyway. */
public final class TestingDatabase implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    public TestingDatabase() {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ExecutionStore.migrate(dataSource());
    }

    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    /** Empties the tables between tests. */
    public void clear() {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE executions CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
