package io.flowstack.backup;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** A database to dump or restore into; {@link #toString()} never shows the password. */
public record DatabaseConnection(String host, int port, String database, String user, String password) {

    public Connection open() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("ApplicationName", "flowstack-backup");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, properties);
    }

    public String describe() {
        return "database " + database + " on " + host + ":" + port;
    }

    @Override
    public String toString() {
        return "DatabaseConnection[" + describe() + ", user " + user + "]";
    }
}
