package io.flowstack.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstack.contract.RuntimeEnvironment;
import io.flowstack.contract.api.BackupReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A restore into the tenant database streams the dump into pg_restore as it is read; an object that turns out bad
 * (at its end, where only the size and hash can tell) or a pg_restore that fails must leave the database as it was:
 * no table dropped, no row of the backup half-restored.
 */
class InPlaceRestoreTest {
    private static TestingDatabases databases;
    private Path volume;
    private TestingJob job;
    private BackupReport backup;
    private String before;

    @BeforeAll
    static void start() throws Exception {
        databases = new TestingDatabases();
    }

    @AfterAll
    static void stop() throws Exception {
        databases.close();
    }

    /** An unencrypted backup (no sealed segments to catch a change early), then the data changed after it. */
    @BeforeEach
    void backUpAndChange() throws Exception {
        databases.seed(3000);
        databases.execute("CREATE TABLE extra AS SELECT i, md5(i::text) AS noise FROM generate_series(1, 20000) i");
        volume = Files.createTempDirectory("restore-volume");
        job = new TestingJob(databases, "in-place").directory(volume).unencrypted();
        backup = job.run("backup");
        assertThat(backup.succeeded()).as(backup.message()).isTrue();
        assertThat(backup.size()).as("larger than what is held back").isGreaterThan(4L * RestoreRun.HELD_BACK);
        databases.execute("DELETE FROM steps WHERE execution_id % 2 = 0");
        databases.execute("DROP TABLE settings");
        before = databases.contents();
    }

    private Path object() {
        return volume.resolve(backup.key());
    }

    private void assertUntouched(BackupReport restore, String problem) throws Exception {
        assertThat(restore.succeeded()).isFalse();
        assertThat(restore.message()).contains(problem);
        assertThat(databases.contents()).as("the database as it was before the restore").isEqualTo(before);
    }

    @Test
    void aByteAlteredNearTheEndIsFoundBeforePgRestoreCanCommit() throws Exception {
        byte[] bytes = Files.readAllBytes(object());
        bytes[bytes.length - 100] ^= 0x01;
        Files.write(object(), bytes);
        assertUntouched(job.run("restore", backup.key()), "is altered");
        assertThat(job.run("restore", backup.key()).message()).contains("pg_restore was stopped before the end of"
                + " the dump: nothing of it was committed");
    }

    @Test
    void aByteAlteredInTheMiddleLeavesTheDatabaseAsItWas() throws Exception {
        byte[] bytes = Files.readAllBytes(object());
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(object(), bytes);
        assertUntouched(job.run("restore", backup.key()), "is altered");
    }

    @Test
    void aTruncatedObjectLeavesTheDatabaseAsItWas() throws Exception {
        byte[] bytes = Files.readAllBytes(object());
        Files.write(object(), Arrays.copyOf(bytes, bytes.length - 10));
        assertUntouched(job.run("restore", backup.key()), "is truncated: " + (bytes.length - 10) + " of "
                + bytes.length + " bytes");
    }

    @Test
    void aPgRestoreThatCannotConnectSaysSo() throws Exception {
        job.env.put(RuntimeEnvironment.DB_PORT, "1");
        BackupReport restore = job.run("restore", backup.key());
        job.env.put(RuntimeEnvironment.DB_PORT, Integer.toString(databases.tenant.getPort()));
        assertUntouched(restore, "the backup does not restore: pg_restore failed: ");
        assertThat(restore.message()).contains("127.0.0.1").contains("port 1");
    }

    @Test
    void aGoodObjectRestoresAfterAll() throws Exception {
        BackupReport restore = job.run("restore", backup.key());
        assertThat(restore.succeeded()).as(restore.message()).isTrue();
        assertThat(databases.contents()).isNotEqualTo(before);
        BackupReport drill = job.run("verify", backup.key());
        assertThat(drill.succeeded()).as(drill.message()).isTrue();
    }
}
