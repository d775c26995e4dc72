package io.flowstack.contract;

import java.util.List;

/** The keys of the Secrets the operator generates for a tenant's runtime. */
public final class SecretKeys {
    /** Runtime keys Secret: the 32-byte encryption key (base64). */
    public static final String ENCRYPTION_KEY = "encryption-key";
    /** Runtime keys Secret: the encryption key before the last rotation. */
    public static final String PREVIOUS_ENCRYPTION_KEY = "encryption-key-previous";
    /** Runtime keys Secret: the key webhook senders sign with. */
    public static final String WEBHOOK_SIGNING_KEY = "webhook-signing-key";
    /** Runtime keys Secret: the bearer token of the runtime's API. */
    public static final String API_TOKEN = "api-token";

    public static final String DB_HOST = "host";
    public static final String DB_PORT = "port";
    public static final String DB_DATABASE = "database";
    public static final String DB_USER = "user";
    public static final String DB_PASSWORD = "password";
    /** The keys of a database connection Secret, in the order they are written. */
    public static final List<String> DATABASE_KEYS = List.of(DB_HOST, DB_PORT, DB_DATABASE, DB_USER, DB_PASSWORD);

    private SecretKeys() {
    }
}
