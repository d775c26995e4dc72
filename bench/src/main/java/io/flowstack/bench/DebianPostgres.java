package io.flowstack.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A durable PostgreSQL 15 server of Debian's packages (the same major as its pg_dump), run as the postgres user in a
 * directory of its own, fsync on: the tenant database of the backup benchmark.
 */
final class DebianPostgres implements AutoCloseable {
    private static final String BIN = "/usr/lib/postgresql/15/bin";
    private final Path data;
    private final int port;

    DebianPostgres() throws IOException, InterruptedException {
        data = Files.createTempDirectory("bench-pg15");
        run(List.of("chown", "postgres:postgres", data.toString()));
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        run(List.of("runuser", "-u", "postgres", "--", BIN + "/initdb", "-D", data.resolve("db").toString(),
                "--auth=trust", "--username=postgres", "--no-sync"));
        run(List.of("runuser", "-u", "postgres", "--", BIN + "/pg_ctl", "-D", data.resolve("db").toString(), "-w",
                "-l", data.resolve("log").toString(), "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k "
                        + data + " -c fsync=on -c synchronous_commit=on -c shared_buffers=256MB", "start"));
    }

    int port() {
        return port;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of("runuser", "-u", "postgres", "--", BIN + "/pg_ctl", "-D", data.resolve("db").toString(), "-m",
                "fast", "stop"));
    }
}
