package io.flowstack.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstack.contract.BackupEnvironment;
import io.flowstack.contract.RuntimeEnvironment;
import io.flowstack.contract.api.BackupReport;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A backup taken while the database is written to restores exactly as its manifest says (dump and checksums share one
 * snapshot); retention prunes the store after a successful backup, and a failed one prunes nothing.
 */
class BackupConsistencyTest {
    private static TestingDatabases databases;

    @BeforeAll
    static void start() throws Exception {
        databases = new TestingDatabases();
        databases.seed(20000);
    }

    @AfterAll
    static void stop() throws Exception {
        databases.close();
    }

    @Test
    void writesDuringTheBackupDoNotFailItsDrill() throws Exception {
        Path volume = Files.createTempDirectory("busy-volume");
        TestingJob job = new TestingJob(databases, "busy").directory(volume);
        AtomicBoolean backingUp = new AtomicBoolean(true);
        AtomicLong written = new AtomicLong();
        AtomicLong writtenWhileBackingUp = new AtomicLong(-1);
        Thread writer = new Thread(() -> {
            try (Connection c = databases.tenantConnection().open(); Statement s = c.createStatement()) {
                while (backingUp.get()) {
                    s.execute("INSERT INTO executions (workflow, status) VALUES ('busy', 'pending')");
                    s.execute("UPDATE steps SET output = output || '{\"touched\": true}' WHERE execution_id = "
                            + (1 + written.get() % 20000));
                    written.incrementAndGet();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        while (written.get() < 50) {
            Thread.onSpinWait();
        }
        long before = written.get();
        BackupReport backup = job.run("backup");
        writtenWhileBackingUp.set(written.get() - before);
        backingUp.set(false);
        writer.join();
        assertThat(backup.succeeded()).as(backup.message()).isTrue();
        assertThat(writtenWhileBackingUp.get()).as("rows written while the backup ran").isPositive();

        BackupReport drill = job.run("verify");
        assertThat(drill.succeeded()).as(drill.message()).isTrue();
    }

    @Test
    void aSuccessfulBackupPrunesByTheRulesAndAFailedOnePrunesNothing() throws Exception {
        Path volume = Files.createTempDirectory("retention-volume");
        DirectoryStore store = new DirectoryStore(volume);
        String folder = "tenants/acme/daily/";
        for (LocalDate day = LocalDate.of(2026, 10, 1); !day.isAfter(LocalDate.of(2026, 12, 30));
             day = day.plusDays(1)) {
            String stem = folder + BackupNames.stem(day.atTime(2, 0).toInstant(ZoneOffset.UTC), "0000");
            store.put(stem + BackupNames.DUMP, new byte[] {1});
            store.put(stem + Manifest.SUFFIX, "{}".getBytes());
        }
        TestingJob job = new TestingJob(databases, "daily").directory(volume)
                .clock(Clock.fixed(Instant.parse("2026-12-31T02:00:00Z"), ZoneOffset.UTC));
        job.env.remove(BackupEnvironment.KEEP_LAST);
        job.env.put(BackupEnvironment.KEEP_DAILY, "3");
        job.env.put(BackupEnvironment.KEEP_MONTHLY, "2");

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        job.env.put(RuntimeEnvironment.DB_PORT, Integer.toString(port));
        List<BackupStore.StoredObject> all = store.list(folder);
        assertThat(job.run("backup").succeeded()).isFalse();
        assertThat(store.list(folder)).as("a failed backup prunes nothing").isEqualTo(all);

        job.env.put(RuntimeEnvironment.DB_PORT, Integer.toString(databases.tenant.getPort()));
        BackupReport report = job.run("backup");
        assertThat(report.succeeded()).as(report.message()).isTrue();
        assertThat(store.list(folder).stream().map(o -> o.key().substring(folder.length(), folder.length() + 16))
                .distinct()).containsExactly("20261130T020000Z",
                "20261229T020000Z", "20261230T020000Z", "20261231T020000Z");
        assertThat(report.retainedCount()).isEqualTo(4);
        assertThat(report.retained().get(0).key()).isEqualTo(report.key());
    }
}
