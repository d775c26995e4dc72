package io.flowstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowstack.contract.BackupEnvironment;
import io.flowstack.contract.RuntimeEnvironment;
import io.flowstack.contract.api.BackupReport;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The runtime's jar, as the image runs it, is also the backup program of the backup Jobs: {@code list} and
 * {@code backup} run, report in the termination message and exit without starting the service.
 */
class RuntimeImageCommandsTest {
    private static final Path JAR = Path.of(System.getProperty("user.dir")).getParent()
            .resolve("runtime/target/quarkus-app/quarkus-run.jar");

    private record Ran(int exit, BackupReport report, String output) {
    }

    private Ran run(Map<String, String> env, String... args) throws Exception {
        Path log = Files.createTempFile("termination-log", "");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString());
        builder.command().addAll(java.util.List.of(args));
        builder.environment().putAll(env);
        builder.environment().put(BackupEnvironment.TERMINATION_LOG, log.toString());
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        BackupReport report = Files.size(log) == 0 ? null : new ObjectMapper().readValue(log.toFile(), BackupReport.class);
        return new Ran(process.exitValue(), report, output);
    }

    private static Map<String, String> env(Path volume, int databasePort) {
        return Map.of(BackupEnvironment.POLICY, "nightly", BackupEnvironment.DIRECTORY, volume.toString(),
                BackupEnvironment.ENCRYPTION, "false", RuntimeEnvironment.DB_HOST, "127.0.0.1",
                RuntimeEnvironment.DB_PORT, Integer.toString(databasePort), RuntimeEnvironment.DB_DATABASE, "flowstack",
                RuntimeEnvironment.DB_USER, "flowstack", RuntimeEnvironment.DB_PASSWORD, "never-shown-1234");
    }

    @Test
    void theBackupCommandsRunFromTheRuntimeJarAndReportInTheTerminationMessage() throws Exception {
        Path volume = Files.createTempDirectory("image-volume");
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Ran list = run(env(volume, closed), "list");
        assertThat(list.exit()).as(list.output()).isZero();
        assertThat(list.report().succeeded()).isTrue();
        assertThat(list.report().message()).isEqualTo("0 backup(s) in directory " + volume);
        assertThat(list.output()).as("the service did not start").doesNotContain("Listening on");

        Ran backup = run(env(volume, closed), "backup");
        assertThat(backup.exit()).isEqualTo(1);
        assertThat(backup.report().succeeded()).isFalse();
        assertThat(backup.report().message()).startsWith("the database refuses connections");
        assertThat(backup.output()).doesNotContain("never-shown-1234");

        Ran usage = run(env(volume, closed), "restore");
        assertThat(usage.exit()).isEqualTo(2);
    }
}
