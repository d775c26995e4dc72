package io.flowstack.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowstack.contract.api.BackupReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * {@code backup}: dumps the tenant's database in a snapshot it exports, streams the dump through encryption into the
 * store, checksums every table in the same snapshot, writes the manifest (the backup now exists), then prunes by the
 * retention policy. A failure at any step leaves no partial backup and prunes nothing.
 */
public final class BackupRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BackupSettings settings;
    private final BackupStore store;
    private final PgTools pg;
    private final Clock clock;

    public BackupRun(BackupSettings settings, BackupStore store, PgTools pg, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.pg = pg;
        this.clock = clock;
    }

    /** What a run made, with how long its parts took. */
    public record Made(Manifest manifest, Duration dump, Duration checksums, List<BackupReport.Retained> retained) {
    }

    public Made run() throws IOException, SQLException {
        try (Connection connection = settings.database().open()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            String snapshot;
            String serverVersion;
            try (Statement statement = connection.createStatement();
                 ResultSet r = statement.executeQuery("SELECT pg_export_snapshot(), current_setting('server_version')")) {
                r.next();
                snapshot = r.getString(1);
                serverVersion = r.getString(2);
            }
            Instant taken = clock.instant();
            byte[] random = new byte[2];
            new SecureRandom().nextBytes(random);
            String stem = settings.folder() + BackupNames.stem(taken, HexFormat.of().formatHex(random));
            String object = stem + BackupNames.DUMP;
            long started = System.nanoTime();
            Streams.Measuring stored = dump(snapshot, object);
            Duration dump = Duration.ofNanos(System.nanoTime() - started);
            started = System.nanoTime();
            List<Manifest.TableChecksum> tables = TableChecksums.of(connection);
            Duration checksums = Duration.ofNanos(System.nanoTime() - started);
            connection.rollback();
            Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, object, taken.toString(), serverVersion,
                    pg.version("pg_dump"), settings.database().database(), settings.key().isPresent(),
                    settings.key().map(k -> HexFormat.of().formatHex(SegmentedCipher.keyId(k))).orElse(null),
                    stored.bytes(), stored.sha256(), tables);
            store.put(stem + Manifest.SUFFIX, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            return new Made(manifest, dump, checksums, prune());
        }
    }

    /** pg_dump's output, sealed when a key is set, into a new object; returns what was stored. */
    private Streams.Measuring dump(String snapshot, String object) throws IOException {
        PgTools.Run dump = pg.dump(settings.database(), snapshot);
        try (BackupStore.Upload upload = store.create(object)) {
            Streams.Measuring stored = new Streams.Measuring(Streams.shielded(upload.stream()));
            OutputStream sink = settings.key().isPresent()
                    ? new SegmentedCipher(settings.key().get()).encrypt(stored) : stored;
            try (InputStream in = dump.stdout()) {
                Streams.copy(in, sink);
                sink.close();
            } catch (IOException e) {
                dump.kill();
                throw e;
            }
            dump.await();
            upload.complete();
            return stored;
        } catch (IOException e) {
            dump.kill();
            throw e;
        }
    }

    /** Deletes the backups retention does not keep; returns those kept, newest first. */
    private List<BackupReport.Retained> prune() throws IOException {
        List<BackupStore.StoredObject> objects = store.list(settings.folder());
        List<Retention.Backup> backups = new ArrayList<>();
        for (BackupStore.StoredObject object : objects) {
            if (object.key().endsWith(Manifest.SUFFIX)) {
                BackupNames.time(object.key()).ifPresent(t -> backups.add(new Retention.Backup(
                        BackupNames.stemOf(object.key()), t)));
            }
        }
        Set<String> keep = Retention.keep(backups, settings.retention());
        List<BackupReport.Retained> retained = new ArrayList<>();
        for (Retention.Backup backup : backups) {
            if (!keep.contains(backup.name())) {
                store.delete(backup.name() + Manifest.SUFFIX);
                store.delete(backup.name() + BackupNames.DUMP);
            }
        }
        for (BackupStore.StoredObject object : objects) {
            String stem = BackupNames.stemOf(object.key());
            if (object.key().endsWith(BackupNames.DUMP) && keep.contains(stem)) {
                retained.add(new BackupReport.Retained(object.key(), BackupNames.time(stem).map(Instant::toString)
                        .orElse(null), object.size()));
            }
        }
        retained.sort((a, b) -> b.key().compareTo(a.key()));
        return retained;
    }
}
