package io.flowstack.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstack.contract.api.BackupReport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real parts only: PostgreSQL 15 servers, Debian's pg_dump and pg_restore, s3proxy as a server process. A database
 * with data in several tables is backed up, changed, restored, and compared table by table with what it was.
 */
class BackupRoundTripTest {
    private static TestingDatabases databases;
    private static TestingS3 s3;

    @BeforeAll
    static void start() throws Exception {
        databases = new TestingDatabases();
        s3 = new TestingS3();
        s3.createBucket("backups");
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        databases.close();
    }

    private void roundTrip(TestingJob job) throws Exception {
        databases.seed(2000);
        String original = databases.contents();

        BackupReport backup = job.run("backup");
        assertThat(backup.succeeded()).as(backup.message()).isTrue();
        assertThat(backup.key()).startsWith("tenants/acme/" + job.env.get(io.flowstack.contract.BackupEnvironment.POLICY) + "/")
                .endsWith(".dump");
        assertThat(backup.size()).isPositive();
        assertThat(backup.sha256()).hasSize(64);
        assertThat(backup.retained()).extracting(BackupReport.Retained::key).contains(backup.key());

        databases.execute("DELETE FROM steps WHERE execution_id % 2 = 0");
        databases.execute("UPDATE executions SET status = 'failed' WHERE id < 100");
        databases.execute("DROP TABLE settings");
        databases.execute("CREATE TABLE extra (x int)");
        assertThat(databases.contents()).isNotEqualTo(original);

        BackupReport restore = job.run("restore", backup.key());
        assertThat(restore.succeeded()).as(restore.message()).isTrue();
        assertThat(databases.contents()).as("every row of every table as before").isEqualTo(original);
        databases.execute("CREATE TABLE extra (x int)");   // the restore dropped the table made after the backup

        BackupReport drill = job.run("verify");
        assertThat(drill.succeeded()).as(drill.message()).isTrue();
        assertThat(drill.key()).isEqualTo(backup.key());
    }

    @Test
    void encryptedToS3() throws Exception {
        TestingJob job = new TestingJob(databases, "nightly").s3(s3, "backups");
        roundTrip(job);
        assertThat(s3.keys("backups")).anyMatch(k -> k.endsWith(".manifest.json"));
        // sealed: the stored object is not a pg_dump archive
        try (var in = job.env.isEmpty() ? null : new S3Store(s3.endpoint(), "us-east-1", "backups", true,
                TestingS3.ACCESS_KEY, TestingS3.SECRET_KEY).open(s3.keys("backups").stream()
                .filter(k -> k.endsWith(".dump")).findFirst().orElseThrow())) {
            assertThat(new String(in.readNBytes(4))).isEqualTo("FSB1");
        }
    }

    @Test
    void aDumpOfSeveralPartsIsUploadedAndVerified() throws Exception {
        databases.seed(100);
        databases.execute("CREATE TABLE extra AS SELECT i, decode(string_agg(md5(i::text || '-' || k), ''), 'hex')"
                + " AS noise FROM generate_series(1, 12000) i, generate_series(1, 64) k GROUP BY i");
        TestingJob job = new TestingJob(databases, "large").s3(s3, "backups");
        BackupReport backup = job.run("backup");
        assertThat(backup.succeeded()).as(backup.message()).isTrue();
        assertThat(backup.size()).as("more than one multipart part").isGreaterThan(S3Store.PART);
        BackupReport drill = job.run("verify");
        assertThat(drill.succeeded()).as(drill.message()).isTrue();
        databases.execute("DROP TABLE extra");
    }

    @Test
    void unencryptedToS3() throws Exception {
        TestingJob job = new TestingJob(databases, "plain").s3(s3, "backups").unencrypted();
        roundTrip(job);
    }

    @Test
    void encryptedToAVolume() throws Exception {
        Path volume = Files.createTempDirectory("backup-volume");
        TestingJob job = new TestingJob(databases, "nightly").directory(volume);
        roundTrip(job);
        try (var files = Files.walk(volume)) {
            assertThat(files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()))
                    .anyMatch(n -> n.endsWith(".dump")).anyMatch(n -> n.endsWith(".manifest.json"))
                    .noneMatch(n -> n.startsWith("."));
        }
    }
}
