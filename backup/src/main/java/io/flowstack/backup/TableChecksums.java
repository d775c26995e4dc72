package io.flowstack.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Row counts and checksums of every user table of a database, as the connection's snapshot sees them. */
public final class TableChecksums {
    private TableChecksums() {
    }

    /** The user tables, as {@code format('%I.%I', schema, table)}: quoted by the server itself. */
    public static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet r = statement.executeQuery("SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c"
                     + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')"
                     + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
                     + " ORDER BY 1")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }
        return tables;
    }

    public static List<Manifest.TableChecksum> of(Connection connection) throws SQLException {
        List<String> tables = tables(connection);
        List<Manifest.TableChecksum> checksums = new ArrayList<>();
        for (String table : tables) {
            // the table name comes from format('%I.%I'): quoted by the server itself
            try (PreparedStatement query = connection.prepareStatement("SELECT count(*), coalesce(sum(('x'"
                    + " || substr(md5(t::text), 1, 16))::bit(64)::bigint)::text, '0') FROM " + table + " t");
                 ResultSet r = query.executeQuery()) {
                r.next();
                checksums.add(new Manifest.TableChecksum(table, r.getLong(1), r.getString(2)));
            }
        }
        return checksums;
    }
}
