package io.flowstack.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Restores a backup into a database and proves it: the stored object is checked against the manifest (missing,
 * truncated, altered, sealed with another key), restored with pg_restore, and every table's row count and checksum
 * compared with the manifest's. {@code verify} restores into a scratch database (the drill); {@code restore} into the
 * tenant's own, replacing what is there.
 */
public final class RestoreRun {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /** The database of a drill, made anew in the scratch server each time. */
    static final String DRILL_DATABASE = "flowstack_drill";
    /** What pg_restore gets only once the stored object checked out: more than its archive's end marker. */
    static final int HELD_BACK = 64 * 1024;
    private final BackupSettings settings;
    private final BackupStore store;
    private final PgTools pg;

    /** A backup that does not restore as its manifest says; the message says which check failed. */
    public static final class Mismatch extends Exception {
        public Mismatch(String message) {
            super(message);
        }
    }

    /** A restore that passed: how long the comparison's checksums took (reported apart from the restore). */
    public record Restored(Duration checksums) {
    }

    public RestoreRun(BackupSettings settings, BackupStore store, PgTools pg) {
        this.settings = settings;
        this.store = store;
        this.pg = pg;
    }

    /** The manifest of the named backup (its key, or any key of it), or of the newest one. */
    public Manifest manifest(Optional<String> backup) throws IOException, Mismatch {
        String manifestKey;
        if (backup.isPresent()) {
            String stem = BackupNames.stemOf(backup.get());
            manifestKey = (stem.startsWith(settings.folder()) ? stem : settings.folder() + stem) + Manifest.SUFFIX;
        } else {
            manifestKey = store.list(settings.folder()).stream().map(BackupStore.StoredObject::key)
                    .filter(k -> k.endsWith(Manifest.SUFFIX)).max(Comparator.naturalOrder())
                    .orElseThrow(() -> new Mismatch("there is no backup in " + store.describe() + " under "
                            + settings.folder()));
        }
        try (InputStream in = store.open(manifestKey)) {
            return JSON.readValue(in, Manifest.class);
        } catch (FileNotFoundException e) {
            throw new Mismatch("there is no backup " + BackupNames.stemOf(manifestKey) + " in " + store.describe());
        }
    }

    /** A restore drill: into a fresh database of the scratch server. */
    public Restored verify(Manifest manifest) throws IOException, SQLException, Mismatch {
        DatabaseConnection scratch = settings.scratch().orElseThrow(() -> new BackupSettings.Invalid(
                "a drill needs a scratch database: " + io.flowstack.contract.BackupEnvironment.SCRATCH_HOST + " is not set"));
        try (Connection admin = scratch.open(); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DRILL_DATABASE + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + DRILL_DATABASE);
        }
        DatabaseConnection drill = new DatabaseConnection(scratch.host(), scratch.port(), DRILL_DATABASE,
                scratch.user(), scratch.password());
        return restoreInto(manifest, drill, false);
    }

    /** Replaces the tenant database's objects with the backup's. */
    public Restored restore(Manifest manifest) throws IOException, SQLException, Mismatch {
        return restoreInto(manifest, settings.database(), true);
    }

    /**
     * Restores and compares; returns how long the comparison's checksums took (reported apart from the restore). The
     * dump streams from storage into pg_restore while it is read, hashed and decrypted a few chunks ahead; its last
     * bytes are held back until the whole stored object has checked out, so that pg_restore cannot finish (and, in
     * place, commit its single transaction) on an object found truncated or altered at its end.
     */
    private Restored restoreInto(Manifest manifest, DatabaseConnection target, boolean clean)
            throws IOException, SQLException, Mismatch {
        checkKey(manifest);
        restoreStreamed(manifest, target, clean);
        try (Connection restored = target.open()) {
            if (clean) {
                dropTablesNotIn(manifest, restored);
            }
            restored.setAutoCommit(false);
            long started = System.nanoTime();
            compare(manifest, TableChecksums.of(restored));
            return new Restored(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private void restoreStreamed(Manifest manifest, DatabaseConnection target, boolean clean)
            throws IOException, Mismatch {
        Streams.MeasuringInput stored = new Streams.MeasuringInput(open(manifest));
        PgTools.Run restore = pg.restore(target, clean);
        try (stored) {
            HeldBackTail feed = new HeldBackTail(restore.stdin(), HELD_BACK);
            feed(manifest, stored, feed, restore);
            Optional<String> problem = objectProblem(manifest, stored);
            if (problem.isPresent()) {
                restore.stop();
                throw new Mismatch(problem.get() + " (pg_restore was stopped before the end of the dump: nothing of"
                        + " it was committed" + (clean ? ")" : " that the scratch database keeps)"));
            }
            feed.release();
            restore.await();
        } catch (IOException e) {
            restore.letFail();
            throw new Mismatch("the backup does not restore: " + (restore.said().isEmpty() ? e.getMessage()
                    : "pg_restore failed: " + restore.said()));
        } finally {
            restore.stop();
        }
    }

    /** Streams the whole object into pg_restore but for the held-back tail; a failure says what was wrong. */
    private void feed(Manifest manifest, Streams.MeasuringInput stored, HeldBackTail feed, PgTools.Run restore)
            throws IOException, Mismatch {
        try {
            ReadAhead.copy(decrypting(manifest, stored), feed);
        } catch (SegmentedCipher.Unreadable e) {
            throw new Mismatch(e.getMessage());
        } catch (IOException e) {
            restore.letFail();
            stored.drain();
            throw new Mismatch(objectProblem(manifest, stored).orElseGet(() -> restore.said().isEmpty()
                    ? "the backup object " + manifest.object() + " cannot be read: " + e.getMessage()
                    : "the backup does not restore: pg_restore failed: " + restore.said()));
        }
    }

    private InputStream open(Manifest manifest) throws IOException, Mismatch {
        try {
            return store.open(manifest.object());
        } catch (FileNotFoundException e) {
            throw new Mismatch("the backup object " + manifest.object() + " is missing from " + store.describe());
        }
    }

    private InputStream decrypting(Manifest manifest, InputStream stored) throws IOException {
        return manifest.encrypted() ? new SegmentedCipher(settings.key().orElseThrow()).decrypt(stored) : stored;
    }

    /**
     * A restore puts the database back as it was: pg_restore --clean replaced what the backup holds, and tables made
     * after the backup (which would, say, make a migration of the restored schema history fail) are dropped.
     */
    private static void dropTablesNotIn(Manifest manifest, Connection connection) throws SQLException {
        java.util.Set<String> backedUp = new java.util.HashSet<>();
        manifest.tables().forEach(t -> backedUp.add(t.table()));
        for (String table : TableChecksums.tables(connection)) {
            if (!backedUp.contains(table)) {
                try (Statement statement = connection.createStatement()) {
                    // the name comes from format('%I.%I') in TableChecksums: quoted by the server
                    statement.execute("DROP TABLE IF EXISTS " + table + " CASCADE");
                }
            }
        }
    }

    private void checkKey(Manifest manifest) throws Mismatch {
        if (!manifest.encrypted()) {
            return;
        }
        if (settings.key().isEmpty()) {
            throw new Mismatch("undecryptable: the backup is encrypted (key " + manifest.keyId() + ") and no key is"
                    + " given");
        }
        String given = HexFormat.of().formatHex(SegmentedCipher.keyId(settings.key().get()));
        if (!given.equals(manifest.keyId())) {
            throw new Mismatch("undecryptable: the backup was encrypted with key " + manifest.keyId() + ", the key"
                    + " given is " + given + " (wrong key)");
        }
    }

    /** Whether the stored object is the one the manifest describes: its size, then its hash. */
    private static Optional<String> objectProblem(Manifest manifest, Streams.MeasuringInput stored) {
        if (stored.bytes() < manifest.size()) {
            return Optional.of("the backup object " + manifest.object() + " is truncated: " + stored.bytes()
                    + " of " + manifest.size() + " bytes");
        }
        String sha = stored.sha256();
        if (stored.bytes() != manifest.size() || !sha.equals(manifest.sha256())) {
            return Optional.of("the backup object " + manifest.object() + " is altered: its SHA-256 is " + sha
                    + ", the manifest says " + manifest.sha256());
        }
        return Optional.empty();
    }

    /** Every table of the manifest, with its rows and checksum, and no other. */
    static void compare(Manifest manifest, List<Manifest.TableChecksum> restored) throws Mismatch {
        Map<String, Manifest.TableChecksum> actual = new TreeMap<>();
        restored.forEach(t -> actual.put(t.table(), t));
        List<String> problems = new ArrayList<>();
        for (Manifest.TableChecksum expected : manifest.tables()) {
            Manifest.TableChecksum found = actual.remove(expected.table());
            if (found == null) {
                problems.add("table " + expected.table() + " is missing");
            } else if (found.rows() != expected.rows()) {
                problems.add("table " + expected.table() + " has " + found.rows() + " rows, the manifest says "
                        + expected.rows());
            } else if (!found.checksum().equals(expected.checksum())) {
                problems.add("table " + expected.table() + " has " + found.rows() + " rows as expected but their"
                        + " checksum differs from the manifest's");
            }
        }
        actual.keySet().forEach(extra -> problems.add("table " + extra + " is not in the manifest"));
        if (!problems.isEmpty()) {
            throw new Mismatch(String.join("; ", problems));
        }
    }
}
