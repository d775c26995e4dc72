package io.flowstack.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowstack.contract.BackupEnvironment;
import io.flowstack.contract.RuntimeEnvironment;
import io.flowstack.contract.api.BackupReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A backup Job's container as the operator configures it: the environment of the contract, a termination log, and
 * the command run as the container would run it; its report is read back from the termination log.
 */
final class TestingJob {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    final Map<String, String> env = new HashMap<>();
    final Path terminationLog;
    private Clock clock = Clock.systemUTC();
    private String output = "";

    TestingJob(TestingDatabases databases, String policy) throws IOException {
        terminationLog = Files.createTempFile("termination-log", "");
        env.put(RuntimeEnvironment.DB_HOST, "127.0.0.1");
        env.put(RuntimeEnvironment.DB_PORT, Integer.toString(databases.tenant.getPort()));
        env.put(RuntimeEnvironment.DB_DATABASE, "postgres");
        env.put(RuntimeEnvironment.DB_USER, "postgres");
        env.put(RuntimeEnvironment.DB_PASSWORD, "postgres");
        env.put(BackupEnvironment.SCRATCH_HOST, "127.0.0.1");
        env.put(BackupEnvironment.SCRATCH_PORT, Integer.toString(databases.scratch.getPort()));
        env.put(BackupEnvironment.SCRATCH_USER, "postgres");
        env.put(BackupEnvironment.SCRATCH_PASSWORD, "postgres");
        env.put(BackupEnvironment.POLICY, policy);
        env.put(BackupEnvironment.PREFIX, "tenants/acme");
        env.put(BackupEnvironment.KEY, Base64.getEncoder().encodeToString(KEY));
        env.put(BackupEnvironment.KEEP_LAST, "5");
        env.put(BackupEnvironment.TERMINATION_LOG, terminationLog.toString());
    }

    TestingJob s3(TestingS3 s3, String bucket) {
        env.put(BackupEnvironment.S3_ENDPOINT, s3.endpoint());
        env.put(BackupEnvironment.S3_BUCKET, bucket);
        env.put(BackupEnvironment.S3_PATH_STYLE, "true");
        env.put(BackupEnvironment.S3_ACCESS_KEY_ID, TestingS3.ACCESS_KEY);
        env.put(BackupEnvironment.S3_SECRET_ACCESS_KEY, TestingS3.SECRET_KEY);
        return this;
    }

    TestingJob directory(Path directory) {
        env.put(BackupEnvironment.DIRECTORY, directory.toString());
        return this;
    }

    TestingJob unencrypted() {
        env.put(BackupEnvironment.ENCRYPTION, "false");
        env.remove(BackupEnvironment.KEY);
        return this;
    }

    TestingJob clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Runs a command; returns the report of its termination log (and checks the exit code agrees with it). */
    BackupReport run(String... args) throws IOException {
        Files.deleteIfExists(terminationLog);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new BackupMain(env, new PrintStream(out, true, StandardCharsets.UTF_8), clock).run(args);
        output = out.toString(StandardCharsets.UTF_8);
        BackupReport report = new ObjectMapper().readValue(Files.readAllBytes(terminationLog), BackupReport.class);
        if ((exit == 0) != report.succeeded()) {
            throw new AssertionError("exit " + exit + " but the report says " + report);
        }
        return report;
    }

    /** What the command printed (its report included). */
    String output() {
        return output;
    }
}
