package io.flowstack.backup;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Two PostgreSQL 15 servers (as old as the pg_dump on these machines): the tenant's, and the scratch server a drill
 * restores into, as in the drill Job's pod. The tenant database holds tables of several kinds of data.
 */
final class TestingDatabases implements AutoCloseable {
    final EmbeddedPostgres tenant;
    final EmbeddedPostgres scratch;

    TestingDatabases() throws IOException {
        tenant = EmbeddedPostgres.builder().start();
        scratch = EmbeddedPostgres.builder().start();
    }

    DatabaseConnection tenantConnection() {
        return new DatabaseConnection("127.0.0.1", tenant.getPort(), "postgres", "postgres", "postgres");
    }

    /** Executions, steps and a settings table with text, bytea, jsonb, numeric, timestamps and nulls. */
    void seed(int executions) throws SQLException {
        try (Connection c = tenantConnection().open(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS steps, executions, settings, extra CASCADE");
            s.execute("CREATE TABLE executions (id bigserial PRIMARY KEY, workflow text NOT NULL, status text,"
                    + " input bytea, created_at timestamptz DEFAULT now(), cost numeric(12,4))");
            s.execute("CREATE TABLE steps (execution_id bigint REFERENCES executions(id), step text, output jsonb,"
                    + " PRIMARY KEY (execution_id, step))");
            s.execute("CREATE TABLE settings (name text PRIMARY KEY, value text)");
            s.execute("INSERT INTO executions (workflow, status, input, cost) SELECT 'wf-' || (i % 7),"
                    + " CASE WHEN i % 10 = 0 THEN NULL ELSE 'succeeded' END, decode(md5(i::text), 'hex'), i / 3.0"
                    + " FROM generate_series(1, " + executions + ") i");
            s.execute("INSERT INTO steps SELECT id, 'step-' || k, jsonb_build_object('n', id, 'k', k, 'note', 'é ✓')"
                    + " FROM executions, generate_series(1, 3) k");
            s.execute("INSERT INTO settings VALUES ('tenant', 'acme'), ('empty', NULL)");
        }
    }

    /** Every row of every table, in a stable order, as text: what "the data equals" compares. */
    String contents() throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = tenantConnection().open(); Statement s = c.createStatement()) {
            for (String query : new String[] {"SELECT t::text FROM executions t ORDER BY id",
                    "SELECT t::text FROM steps t ORDER BY execution_id, step",
                    "SELECT t::text FROM settings t ORDER BY name"}) {
                try (var r = s.executeQuery(query)) {
                    while (r.next()) {
                        out.append(r.getString(1)).append('\n');
                    }
                } catch (SQLException e) {
                    out.append("cannot read: ").append(query).append('\n');
                }
            }
        }
        return out.toString();
    }

    void execute(String sql) throws SQLException {
        try (Connection c = tenantConnection().open(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws IOException {
        tenant.close();
        scratch.close();
    }
}
