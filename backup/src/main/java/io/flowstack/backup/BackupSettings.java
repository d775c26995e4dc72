package io.flowstack.backup;

import io.flowstack.contract.BackupEnvironment;
import io.flowstack.contract.RuntimeEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** A backup command's configuration, read from the environment the operator gives the Job (the contract's names). */
public record BackupSettings(String policy, String prefix, DatabaseConnection database, Optional<DatabaseConnection> scratch,
                             Optional<byte[]> key, Retention.Policy retention, String pgBin, Path terminationLog,
                             Map<String, String> env) {

    /** A setting that is missing or wrong; its message names the variable. */
    public static final class Invalid extends IllegalArgumentException {
        public Invalid(String message) {
            super(message);
        }
    }

    public static BackupSettings from(Map<String, String> env) {
        String policy = require(env, BackupEnvironment.POLICY);
        String prefix = env.getOrDefault(BackupEnvironment.PREFIX, "");
        boolean encrypted = !"false".equalsIgnoreCase(env.getOrDefault(BackupEnvironment.ENCRYPTION, "true"));
        Optional<byte[]> key = encrypted ? Optional.of(key(require(env, BackupEnvironment.KEY))) : Optional.empty();
        ZoneId zone;
        try {
            zone = ZoneId.of(env.getOrDefault(BackupEnvironment.TIMEZONE, "UTC"));
        } catch (DateTimeException e) {
            throw new Invalid(BackupEnvironment.TIMEZONE + ": not a time zone: " + e.getMessage());
        }
        Retention.Policy retention = new Retention.Policy(count(env, BackupEnvironment.KEEP_LAST),
                count(env, BackupEnvironment.KEEP_DAILY), count(env, BackupEnvironment.KEEP_WEEKLY),
                count(env, BackupEnvironment.KEEP_MONTHLY), zone);
        Optional<DatabaseConnection> scratch = env.containsKey(BackupEnvironment.SCRATCH_HOST)
                ? Optional.of(new DatabaseConnection(env.get(BackupEnvironment.SCRATCH_HOST),
                port(env, BackupEnvironment.SCRATCH_PORT), env.getOrDefault(BackupEnvironment.SCRATCH_DATABASE,
                "postgres"), env.getOrDefault(BackupEnvironment.SCRATCH_USER, "postgres"),
                env.getOrDefault(BackupEnvironment.SCRATCH_PASSWORD, ""))) : Optional.empty();
        return new BackupSettings(policy, prefix, database(env), scratch, key, retention,
                env.getOrDefault(BackupEnvironment.PG_BIN, ""), Path.of(env.getOrDefault(
                BackupEnvironment.TERMINATION_LOG, BackupEnvironment.DEFAULT_TERMINATION_LOG)), env);
    }


    /** The store of the target: a directory when one is mounted, else the S3 bucket. */
    public BackupStore store() {
        if (env.containsKey(BackupEnvironment.DIRECTORY)) {
            return new DirectoryStore(Path.of(env.get(BackupEnvironment.DIRECTORY)));
        }
        return new S3Store(env.get(BackupEnvironment.S3_ENDPOINT), env.getOrDefault(BackupEnvironment.S3_REGION,
                "us-east-1"), require(env, BackupEnvironment.S3_BUCKET),
                "true".equalsIgnoreCase(env.get(BackupEnvironment.S3_PATH_STYLE)),
                require(env, BackupEnvironment.S3_ACCESS_KEY_ID), require(env, BackupEnvironment.S3_SECRET_ACCESS_KEY));
    }

    /** The folder of this policy's backups in the store. */
    public String folder() {
        String base = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        return base + policy + "/";
    }

    private static DatabaseConnection database(Map<String, String> env) {
        return new DatabaseConnection(require(env, RuntimeEnvironment.DB_HOST), port(env, RuntimeEnvironment.DB_PORT),
                require(env, RuntimeEnvironment.DB_DATABASE), require(env, RuntimeEnvironment.DB_USER),
                require(env, RuntimeEnvironment.DB_PASSWORD));
    }

    /** 32 bytes given as base64 (standard or URL-safe, as the operator generates them) or as 32 raw characters. */
    static byte[] key(String text) {
        String trimmed = text.trim();
        for (Base64.Decoder decoder : new Base64.Decoder[] {Base64.getDecoder(), Base64.getUrlDecoder()}) {
            try {
                byte[] decoded = decoder.decode(trimmed);
                if (decoded.length == 32) {
                    return decoded;
                }
            } catch (IllegalArgumentException ignored) {
                // not this alphabet
            }
        }
        byte[] raw = trimmed.getBytes(StandardCharsets.UTF_8);
        if (raw.length == 32) {
            return raw;
        }
        throw new Invalid(BackupEnvironment.KEY + ": the key must be 32 bytes (raw or base64)");
    }

    private static String require(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new Invalid(name + " is not set");
        }
        return value;
    }

    private static int count(Map<String, String> env, String name) {
        try {
            int value = Integer.parseInt(env.getOrDefault(name, "0").trim());
            if (value < 0) {
                throw new Invalid(name + ": must not be negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new Invalid(name + ": not a number");
        }
    }

    private static int port(Map<String, String> env, String name) {
        try {
            return Integer.parseInt(env.getOrDefault(name, "5432").trim());
        } catch (NumberFormatException e) {
            throw new Invalid(name + ": not a port number");
        }
    }
}
