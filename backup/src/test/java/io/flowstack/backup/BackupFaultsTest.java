package io.flowstack.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstack.contract.BackupEnvironment;
import io.flowstack.contract.RuntimeEnvironment;
import io.flowstack.contract.api.BackupReport;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults end a backup with a non-zero exit and a clear message in its report, and delete nothing older: an
 * unreachable endpoint, a missing bucket, refused credentials, a database that refuses connections, a full volume.
 */
class BackupFaultsTest {
    private static TestingDatabases databases;
    private static TestingS3 s3;

    @BeforeAll
    static void start() throws Exception {
        databases = new TestingDatabases();
        databases.seed(500);
        s3 = new TestingS3();
        s3.createBucket("backups");
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        databases.close();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A good backup first, then the fault: the report says why, and the bucket still holds the good one. */
    private BackupReport failsKeepingTheEarlierBackup(java.util.function.Consumer<TestingJob> fault) throws Exception {
        TestingJob job = new TestingJob(databases, "faults-" + System.nanoTime()).s3(s3, "backups");
        job.env.put(BackupEnvironment.KEEP_LAST, "1");
        assertThat(job.run("backup").succeeded()).isTrue();
        List<String> before = s3.keys("backups");
        fault.accept(job);
        BackupReport report = job.run("backup");
        assertThat(report.succeeded()).isFalse();
        assertThat(report.message()).doesNotContain(TestingS3.SECRET_KEY).doesNotContain("postgres:postgres");
        assertThat(s3.keys("backups")).as("nothing deleted, nothing partial left").isEqualTo(before);
        return report;
    }

    @Test
    void anUnreachableEndpoint() throws Exception {
        int port = closedPort();
        BackupReport report = failsKeepingTheEarlierBackup(job -> job.env.put(BackupEnvironment.S3_ENDPOINT,
                "http://127.0.0.1:" + port));
        assertThat(report.message()).contains("cannot reach http://127.0.0.1:" + port);
    }

    @Test
    void aMissingBucket() throws Exception {
        BackupReport report = failsKeepingTheEarlierBackup(job -> job.env.put(BackupEnvironment.S3_BUCKET,
                "no-such-bucket"));
        assertThat(report.message()).contains("bucket no-such-bucket does not exist");
    }

    @Test
    void refusedCredentials() throws Exception {
        BackupReport report = failsKeepingTheEarlierBackup(job -> job.env.put(BackupEnvironment.S3_SECRET_ACCESS_KEY,
                "not-the-secret"));
        assertThat(report.message()).contains("the credentials were refused");
    }

    @Test
    void aDatabaseThatRefusesConnections() throws Exception {
        int port = closedPort();
        BackupReport report = failsKeepingTheEarlierBackup(job -> job.env.put(RuntimeEnvironment.DB_PORT,
                Integer.toString(port)));
        assertThat(report.message()).startsWith("the database refuses connections");
    }

    @Test
    void aFullVolume() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "a full volume is a small tmpfs, which only root mounts (CI on the project's machines runs as root)");
        Path volume = Files.createTempDirectory("full-volume");
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", volume.toString())
                .inheritIO().start();
        assertThat(mount.waitFor()).as("a small tmpfs as the full volume (the tests run as root)").isZero();
        try {
            TestingJob job = new TestingJob(databases, "full").directory(volume);
            BackupReport first = job.run("backup");
            assertThat(first.succeeded()).as(first.message()).isTrue();
            List<BackupStore.StoredObject> before = new DirectoryStore(volume).list("");
            databases.execute("CREATE TABLE ballast AS SELECT md5(random()::text) AS noise FROM generate_series(1, 20000)");
            BackupReport report = job.run("backup");
            assertThat(report.succeeded()).isFalse();
            assertThat(report.message()).contains("No space left on device");
            assertThat(new DirectoryStore(volume).list("")).as("the earlier backup, and nothing partial")
                    .isEqualTo(before);
            try (var files = Files.list(volume.resolve("tenants/acme/full"))) {
                assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("."));
            }
        } finally {
            databases.execute("DROP TABLE IF EXISTS ballast");
            new ProcessBuilder("umount", volume.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void aDirectoryThatCannotBeWritten() throws Exception {
        Path file = Files.createTempFile("not-a-directory", "");
        TestingJob job = new TestingJob(databases, "nowhere").directory(file.resolve("backups"));
        BackupReport report = job.run("backup");
        assertThat(report.succeeded()).isFalse();
        assertThat(report.message()).contains(file.toString());
    }
}
