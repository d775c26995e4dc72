package io.flowstack.contract;

import java.util.List;

/**
 * The environment variables the operator sets on the runtime's container and the local launcher sets on its process.
 * The runtime reads each of them (its application.properties and settings name them; a test checks that both lists
 * agree). Names starting with {@code FLOWSTACK_} are reserved: a Tenant's spec.runtime.env may not set them.
 */
public final class RuntimeEnvironment {
    /** Prefix reserved for these variables. */
    public static final String PREFIX = "FLOWSTACK_";
    /** The Tenant's name. */
    public static final String TENANT = "FLOWSTACK_TENANT";
    /** "true" while the Tenant's runtime is suspended in maintenance mode. */
    public static final String MAINTENANCE = "FLOWSTACK_MAINTENANCE";
    /** Directory of the Workflow and Integration manifests ({@link RuntimePaths#DEFINITIONS_DIR} in a pod). */
    public static final String DEFINITIONS_DIR = "FLOWSTACK_DEFINITIONS_DIR";
    /** Directory of the Integrations' credentials, {@code <secret>/<key>} ({@link RuntimePaths#SECRETS_DIR} in a pod). */
    public static final String SECRETS_DIR = "FLOWSTACK_SECRETS_DIR";
    public static final String DB_HOST = "FLOWSTACK_DB_HOST";
    public static final String DB_PORT = "FLOWSTACK_DB_PORT";
    public static final String DB_DATABASE = "FLOWSTACK_DB_DATABASE";
    public static final String DB_USER = "FLOWSTACK_DB_USER";
    public static final String DB_PASSWORD = "FLOWSTACK_DB_PASSWORD";
    /** 32-byte key (base64) sealing execution data at rest. */
    public static final String ENCRYPTION_KEY = "FLOWSTACK_ENCRYPTION_KEY";
    /** The encryption key before the last rotation; still opens older data. */
    public static final String ENCRYPTION_KEY_PREVIOUS = "FLOWSTACK_ENCRYPTION_KEY_PREVIOUS";
    /** HMAC-SHA256 key webhook senders sign with. */
    public static final String WEBHOOK_SIGNING_KEY = "FLOWSTACK_WEBHOOK_SIGNING_KEY";
    /** Bearer token of the runtime's REST API. */
    public static final String API_TOKEN = "FLOWSTACK_API_TOKEN";
    /** "false" for plain-text logs (default: JSON lines). */
    public static final String JSON_LOGS = "FLOWSTACK_JSON_LOGS";

    private RuntimeEnvironment() {
    }

    /** The variable that carries one key of the database Secret ({@link SecretKeys#DATABASE_KEYS}). */
    public static String forDatabaseKey(String key) {
        return switch (key) {
            case SecretKeys.DB_HOST -> DB_HOST;
            case SecretKeys.DB_PORT -> DB_PORT;
            case SecretKeys.DB_DATABASE -> DB_DATABASE;
            case SecretKeys.DB_USER -> DB_USER;
            case SecretKeys.DB_PASSWORD -> DB_PASSWORD;
            default -> throw new IllegalArgumentException("not a database Secret key: " + key);
        };
    }

    /** Every variable of the contract. */
    public static List<String> all() {
        return List.of(TENANT, MAINTENANCE, DEFINITIONS_DIR, SECRETS_DIR, DB_HOST, DB_PORT, DB_DATABASE, DB_USER,
                DB_PASSWORD, ENCRYPTION_KEY, ENCRYPTION_KEY_PREVIOUS, WEBHOOK_SIGNING_KEY, API_TOKEN, JSON_LOGS);
    }
}
