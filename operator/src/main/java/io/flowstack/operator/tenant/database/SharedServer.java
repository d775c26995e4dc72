package io.flowstack.operator.tenant.database;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A shared PostgreSQL server, as its admin Secret describes it: keys host, port, user, password, and optionally
 * database (the one to connect to, default postgres) and sslmode (default prefer). {@link #toString()} never shows the
 * password.
 */
public record SharedServer(String host, int port, String adminUser, String adminPassword, String adminDatabase,
                           String sslMode) {

    /** Reads a server from an admin Secret, or explains which keys are missing or wrong. */
    public static SharedServer fromSecret(Secret secret) {
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        List<String> missing = new ArrayList<>();
        for (String key : List.of("host", "port", "user", "password")) {
            if (!data.containsKey(key)) {
                missing.add(key);
            }
        }
        String where = secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Secret " + where + " lacks key(s) " + String.join(", ", missing)
                    + ": it needs host, port, user and password (and may set database, sslmode)");
        }
        int port;
        try {
            port = Integer.parseInt(decode(data.get("port")).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Secret " + where + " key port is not a number");
        }
        return new SharedServer(decode(data.get("host")).trim(), port, decode(data.get("user")),
                decode(data.get("password")), data.containsKey("database") ? decode(data.get("database")) : "postgres",
                data.containsKey("sslmode") ? decode(data.get("sslmode")) : "prefer");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=" + sslMode
                + "&connectTimeout=5&loginTimeout=5&socketTimeout=30&ApplicationName=flowstack-operator";
    }

    @Override
    public String toString() {
        return "SharedServer[" + host + ":" + port + ", user " + adminUser + "]";
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
