package io.flowstack.bench;

import io.flowstack.backup.DatabaseConnection;
import io.flowstack.contract.BackupEnvironment;
import io.flowstack.contract.RuntimeEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Backup and restore of a tenant database of N MiB (execution rows whose inputs and outputs are sealed, i.e.
 * incompressible, as the runtime stores them) on a durable PostgreSQL 15, with and without encryption, and the drill;
 * beside them the floors on the same data: {@code pg_dump | gzip} to a local file, {@code pg_dump -Fc} to a local file
 * and plain {@code pg_restore} of that file. The backup program runs as its own JVM (as in a Job), so its peak memory
 * is its own.
 */
public final class BackupBench {
    private BackupBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.configure();
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        Path work = Files.createTempDirectory("backup-bench");
        try (DebianPostgres postgres = new DebianPostgres()) {
            DatabaseConnection db = new DatabaseConnection("127.0.0.1", postgres.port(), "postgres", "postgres", "");
            double generated = BackupBenchData.generate(db, megabytes);
            long databaseBytes = BackupBenchData.databaseBytes(db);
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"database (pg_database_size)", mib(databaseBytes), String.format(Locale.ROOT,
                    "generated in %.0f s", generated)});
            rows.add(new String[] {"page cache before each measure", PageCache.describe(), ""});
            Timed gzip = Timed.shell("pg_dump | gzip -6 > file", work, "pg_dump --no-password -h 127.0.0.1 -p "
                    + postgres.port() + " -U postgres postgres | gzip -6 > " + work.resolve("plain.sql.gz"),
                    work.resolve("plain.sql.gz"));
            Timed custom = Timed.shell("pg_dump -Fc > file", work, "pg_dump --no-password -Fc -h 127.0.0.1 -p "
                    + postgres.port() + " -U postgres postgres > " + work.resolve("custom.dump"),
                    work.resolve("custom.dump"));
            Timed plainRestore = Timed.shell("pg_restore file (floor of restores)", work, "createdb -h 127.0.0.1 -p "
                    + postgres.port() + " -U postgres floor && pg_restore --no-password --no-owner -h 127.0.0.1 -p "
                    + postgres.port() + " -U postgres -d floor " + work.resolve("custom.dump"), null);
            // the same restore as the program's into the populated tenant database: drop and restore in one transaction
            Timed inPlaceRestore = Timed.shell("pg_restore --clean --single-transaction file into the tenant database"
                    + " (floor of in-place restores)", work, "pg_restore --no-password --no-owner --clean --if-exists"
                    + " --single-transaction -h 127.0.0.1 -p " + postgres.port() + " -U postgres -d postgres "
                    + work.resolve("custom.dump"), null);
            rows.add(gzip.row(databaseBytes));
            rows.add(custom.row(databaseBytes));
            rows.add(plainRestore.row(databaseBytes));
            rows.add(inPlaceRestore.row(databaseBytes));
            for (boolean encrypted : new boolean[] {true, false}) {
                Map<String, String> env = env(postgres.port(), work.resolve(encrypted ? "sealed" : "plain"), encrypted);
                Timed backup = Timed.program("Flowstack backup" + (encrypted ? ", encrypted" : ", not encrypted"), env,
                        "backup");
                Timed restore = Timed.program("Flowstack restore" + (encrypted ? ", encrypted" : ", not encrypted")
                        + " (into the tenant database)", env, "restore", "--latest");
                rows.add(backup.row(databaseBytes));
                rows.add(restore.row(databaseBytes));
                rows.add(new String[] {"backup / floor (pg_dump | gzip), restore / floor", String.format(Locale.ROOT,
                        "%.2f, %.2f", backup.seconds() / gzip.seconds(), restore.seconds() / plainRestore.seconds()),
                        "targets 1.3, 1.3"});
                rows.add(new String[] {"backup / pg_dump -Fc to a local file", String.format(Locale.ROOT, "%.2f",
                        backup.seconds() / custom.seconds()), ""});
                rows.add(new String[] {"restore without its checksums / floor of in-place restores", String.format(
                        Locale.ROOT, "%.2f", (restore.seconds() - restore.checksumSeconds()) / inPlaceRestore.seconds()),
                        "target 1.3"});
                Timed drill = Timed.program("Flowstack drill (verify into a new scratch database)", env, "verify");
                rows.add(drill.row(databaseBytes));
                rows.add(new String[] {"drill without its checksums / floor of restores (both into a new database)",
                        String.format(Locale.ROOT, "%.2f", (drill.seconds() - drill.checksumSeconds())
                        / plainRestore.seconds()), "target 1.3"});
            }
            print(megabytes, rows);
        }
        System.exit(0);
    }

    private static Map<String, String> env(int port, Path directory, boolean encrypted) {
        Map<String, String> env = new HashMap<>();
        env.put(RuntimeEnvironment.DB_HOST, "127.0.0.1");
        env.put(RuntimeEnvironment.DB_PORT, Integer.toString(port));
        env.put(RuntimeEnvironment.DB_DATABASE, "postgres");
        env.put(RuntimeEnvironment.DB_USER, "postgres");
        env.put(RuntimeEnvironment.DB_PASSWORD, "unused");
        env.put(BackupEnvironment.POLICY, "bench");
        env.put(BackupEnvironment.DIRECTORY, directory.toString());
        env.put(BackupEnvironment.ENCRYPTION, Boolean.toString(encrypted));
        env.put(BackupEnvironment.KEY, Base64.getEncoder().encodeToString(new byte[32]));
        env.put(BackupEnvironment.KEEP_LAST, "3");
        env.put(BackupEnvironment.SCRATCH_HOST, "127.0.0.1");
        env.put(BackupEnvironment.SCRATCH_PORT, Integer.toString(port));
        env.put(BackupEnvironment.SCRATCH_USER, "postgres");
        env.put(BackupEnvironment.TERMINATION_LOG, directory.resolveSibling(directory.getFileName() + ".json")
                .toString());
        return env;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
    }

    private static void print(int megabytes, List<String[]> rows) {
        System.out.println();
        System.out.println("| measure (" + megabytes + " MiB of execution rows) | seconds, MB/s, size, peak RSS | |");
        System.out.println("| --- | --- | --- |");
        rows.forEach(r -> System.out.println("| " + String.join(" | ", r) + " |"));
    }

    /** Creates the rows; returns the seconds it took. */
    static final class BackupBenchData {
        private BackupBenchData() {
        }

        static double generate(DatabaseConnection db, int megabytes) throws Exception {
            long start = System.nanoTime();
            try (Connection c = db.open(); Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION IF NOT EXISTS pgcrypto");
                s.execute("CREATE TABLE executions (id bigserial PRIMARY KEY, workflow text, status text,"
                        + " input bytea, output bytea, created_at timestamptz DEFAULT now())");
                s.execute("CREATE TABLE step_runs (execution_id bigint, step text, attempts int, output bytea,"
                        + " PRIMARY KEY (execution_id, step))");
                // about 2 KiB per execution: sealed input and output, two sealed step outputs
                long executions = megabytes * 1024L / 2;
                for (long done = 0; done < executions; done += 20000) {
                    long to = Math.min(executions, done + 20000);
                    s.execute("INSERT INTO executions (id, workflow, status, input, output) SELECT i, 'wf-' || (i % 20),"
                            + " 'succeeded', gen_random_bytes(400), gen_random_bytes(600) FROM generate_series("
                            + (done + 1) + ", " + to + ") i");
                    s.execute("INSERT INTO step_runs SELECT i, 'step-' || k, 1, gen_random_bytes(500)"
                            + " FROM generate_series(" + (done + 1) + ", " + to + ") i, generate_series(1, 2) k");
                }
                s.execute("VACUUM ANALYZE");
            }
            return (System.nanoTime() - start) / 1e9;
        }

        static long databaseBytes(DatabaseConnection db) throws Exception {
            try (Connection c = db.open(); Statement s = c.createStatement();
                 var r = s.executeQuery("SELECT pg_database_size(current_database())")) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** One timed run: a shell pipeline or the backup program in a JVM of its own, with its output's size. */
    record Timed(String name, double seconds, long bytes, long peakRssKib, String message) {
        /** The comparison's checksum time a restore or drill reports ("checksums 5.4 s"), 0 for others. */
        double checksumSeconds() {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("checksums ([0-9.]+) s").matcher(
                    message == null ? "" : message);
            return m.find() ? Double.parseDouble(m.group(1)) : 0;
        }

        static Timed shell(String name, Path work, String command, Path output) throws IOException,
                InterruptedException {
            PageCache.dropIfAsked();
            long start = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder("bash", "-o", "pipefail", "-c", command).inheritIO();
            builder.environment().put("PGPASSWORD", "unused");
            if (builder.start().waitFor() != 0) {
                throw new IOException(name + " failed");
            }
            return new Timed(name, (System.nanoTime() - start) / 1e9, output == null ? -1 : Files.size(output), -1, "");
        }

        static Timed program(String name, Map<String, String> env, String... args) throws IOException,
                InterruptedException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    "io.flowstack.backup.BackupMain"));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(env);
            PageCache.dropIfAsked();
            long start = System.nanoTime();
            Process process = builder.start();
            long peak = 0;
            while (process.isAlive()) {
                peak = Math.max(peak, rssKib(process.pid()));
                Thread.sleep(100);
            }
            String output = new String(process.getInputStream().readAllBytes());
            if (process.exitValue() != 0) {
                throw new IOException(name + " failed: " + output);
            }
            long size = output.contains("\"size\":") ? Long.parseLong(output.replaceAll("(?s).*\"size\":(\\d+).*",
                    "$1")) : -1;
            String message = output.contains("\"message\":\"") ? output.replaceAll("(?s).*\"message\":\"([^\"]*)\".*",
                    "$1") : "";
            return new Timed(name, (System.nanoTime() - start) / 1e9, size, peak, message);
        }

        private static long rssKib(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // ended
            }
            return 0;
        }

        String[] row(long databaseBytes) {
            return new String[] {name, String.format(Locale.ROOT, "%.1f s, %.0f MB/s", seconds,
                    databaseBytes / 1e6 / seconds), (bytes >= 0 ? String.format(Locale.ROOT, "stored %.0f MiB",
                    bytes / 1048576.0) : "") + (peakRssKib > 0 ? String.format(Locale.ROOT, ", peak RSS %d MiB",
                    peakRssKib / 1024) : "") + (message.isEmpty() ? "" : "; " + message)};
        }
    }
}
