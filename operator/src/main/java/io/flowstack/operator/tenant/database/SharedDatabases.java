package io.flowstack.operator.tenant.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Creates a tenant's role and database on a shared PostgreSQL server, idempotently and with least privilege: the role
 * can log in and owns its database, nothing more (no superuser, no CREATEDB/CREATEROLE, no replication, no RLS bypass);
 * PUBLIC loses CONNECT on the database, so other tenants cannot reach it. SQL is built with PostgreSQL's own
 * {@code format()} quoting; statements carrying the password are never logged.
 */
public final class SharedDatabases {
    private static final Pattern NAME = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");

    /**
     * A failure to reach the shared server ({@link #unreachable()}: no connection) or to use it (refused: a missing
     * privilege, a failed login of the admin); its message names the server, never a secret.
     */
    public static final class ProvisioningException extends Exception {
        private final boolean unreachable;

        public ProvisioningException(String message, boolean unreachable, Throwable cause) {
            super(message, cause);
            this.unreachable = unreachable;
        }

        public boolean unreachable() {
            return unreachable;
        }
    }

    /** The role and database names of a tenant: flowstack_<tenant>, with dashes as underscores. */
    public static String nameFor(String tenant) {
        String name = "flowstack_" + tenant.replace('-', '_').replace('.', '_');
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    /** Makes sure role and database exist as specified and the role's password is {@code password}. */
    public void ensure(SharedServer server, String name, String password) throws ProvisioningException {
        requireName(name);
        if (canLogIn(server, name, password)) {
            // role, password and database are already right: nothing to write
            return;
        }
        try (Connection admin = connectAsAdmin(server)) {
            boolean roleExists = exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", name);
            String roleSql = (roleExists ? "ALTER ROLE %I WITH" : "CREATE ROLE %I WITH")
                    + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD %L";
            executeFormatted(admin, roleSql, name, password);
            if (!exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
                executeFormatted(admin, "CREATE DATABASE %I OWNER %I", name, name);
            }
            executeFormatted(admin, "REVOKE ALL ON DATABASE %I FROM PUBLIC", name);
            executeFormatted(admin, "GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I", name, name);
        } catch (SQLException e) {
            throw unreachable(server, "could not create role and database " + name, e);
        }
    }

    /** Drops the tenant's database (disconnecting its sessions) and role; nothing happens when they do not exist. */
    public void drop(SharedServer server, String name) throws ProvisioningException {
        requireName(name);
        try (Connection admin = connectAsAdmin(server)) {
            executeFormatted(admin, "DROP DATABASE IF EXISTS %I WITH (FORCE)", name);
            executeFormatted(admin, "DROP ROLE IF EXISTS %I", name);
        } catch (SQLException e) {
            throw unreachable(server, "could not drop role and database " + name, e);
        }
    }

    private static boolean canLogIn(SharedServer server, String name, String password) throws ProvisioningException {
        Properties properties = new Properties();
        properties.setProperty("user", name);
        properties.setProperty("password", password);
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(name), properties);
             Statement statement = connection.createStatement();
             ResultSet owner = statement.executeQuery(
                     "SELECT pg_get_userbyid(datdba) = current_user FROM pg_database WHERE datname = current_database()")) {
            return owner.next() && owner.getBoolean(1);
        } catch (SQLException e) {
            if (isUnreachable(e)) {
                throw unreachable(server, "cannot connect", e);
            }
            return false;
        }
    }

    private static Connection connectAsAdmin(SharedServer server) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", server.adminUser());
        properties.setProperty("password", server.adminPassword());
        Connection connection = DriverManager.getConnection(server.jdbcUrl(server.adminDatabase()), properties);
        connection.setAutoCommit(true);
        return connection;
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    /** Quotes identifiers (%I) and literals (%L) with the server's format(), then runs the statement. */
    private static void executeFormatted(Connection connection, String template, String... arguments) throws SQLException {
        StringBuilder call = new StringBuilder("SELECT format(?");
        for (int i = 0; i < arguments.length; i++) {
            call.append(", ?");
        }
        call.append(')');
        String sql;
        try (PreparedStatement format = connection.prepareStatement(call.toString())) {
            format.setString(1, template);
            for (int i = 0; i < arguments.length; i++) {
                format.setString(i + 2, arguments[i]);
            }
            try (ResultSet result = format.executeQuery()) {
                result.next();
                sql = result.getString(1);
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static boolean isUnreachable(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("08");
    }

    private static ProvisioningException unreachable(SharedServer server, String what, SQLException e) {
        boolean unreachable = isUnreachable(e);
        String reason = unreachable ? "connection failed" : "SQL state " + e.getSQLState();
        return new ProvisioningException(what + " on shared PostgreSQL " + server.host() + ":" + server.port() + " ("
                + reason + ": " + sanitize(e.getMessage()) + ")", unreachable, e);
    }

    /** Server messages can quote statements; keep only the first line and drop anything after PASSWORD. */
    private static String sanitize(String message) {
        if (message == null) {
            return "";
        }
        String line = message.lines().findFirst().orElse("");
        int password = line.toUpperCase().indexOf("PASSWORD");
        return password >= 0 ? line.substring(0, password) + "[redacted]" : line;
    }

    private static void requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a safe PostgreSQL name: " + name);
        }
    }
}
