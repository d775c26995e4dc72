package io.flowstack.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL client programs, {@code pg_dump} and {@code pg_restore}, run as processes: their data streams through
 * pipes (never a file, never all of it in memory), the password reaches them in their environment (never on a command
 * line), and what they say on stderr becomes the error message (the last lines, bounded).
 */
public final class PgTools {
    private final String binDir;

    /** @param binDir directory of the programs, or empty to find them on the PATH */
    public PgTools(String binDir) {
        this.binDir = binDir == null ? "" : binDir;
    }

    /** A running program: its stdin/stdout and what it said on stderr. */
    public static final class Run {
        private final Process process;
        private final String program;
        private final Thread errors;
        private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        Run(Process process, String program) {
            this.process = process;
            this.program = program;
            this.errors = new Thread(() -> drain(process.getErrorStream()), program + "-stderr");
            this.errors.setDaemon(true);
            this.errors.start();
        }

        private void drain(InputStream in) {
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    synchronized (stderr) {
                        if (stderr.size() < 64 * 1024) {
                            stderr.write(buffer, 0, n);
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }

        public InputStream stdout() {
            return process.getInputStream();
        }

        public OutputStream stdin() {
            return process.getOutputStream();
        }

        /** Waits for the end; a non-zero exit becomes an IOException with the program's last words. */
        public void await() throws IOException {
            try {
                if (!process.waitFor(6, TimeUnit.HOURS)) {
                    process.destroyForcibly();
                    throw new IOException(program + " did not finish within 6 hours");
                }
                errors.join(5000);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException(program + " was interrupted");
            }
            if (process.exitValue() != 0) {
                throw new IOException(program + " failed (exit " + process.exitValue() + "): " + said());
            }
        }

        public void kill() {
            process.destroyForcibly();
        }

        /**
         * For a program that may be failing on its own (writing to it broke, or reading the backup did): gives it up
         * to five seconds to end and write its last words, then stops it as {@link #stop} does. Killing it at once
         * could cut its error message in the middle (seen under load: "pg_restore:" and nothing after it). Its input
         * stays open: a program still waiting for input never sees the end of a dump it did not get whole.
         */
        public void letFail() {
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stop();
        }

        /** Kills the program if it still runs and waits until it has ended and what it said is read. */
        public void stop() {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
                errors.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The last lines the program wrote to stderr. */
        public String said() {
            String text;
            synchronized (stderr) {
                text = stderr.toString(StandardCharsets.UTF_8).strip();
            }
            List<String> lines = text.lines().toList();
            return String.join("; ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        }
    }

    /** {@code pg_dump} in custom format of the connection's database, in the given exported snapshot, to stdout. */
    public Run dump(DatabaseConnection db, String snapshot) throws IOException {
        List<String> command = new ArrayList<>(List.of(program("pg_dump"), "--format=custom", "--no-password",
                "--host=" + db.host(), "--port=" + db.port(), "--username=" + db.user(), "--dbname=" + db.database()));
        if (snapshot != null) {
            command.add("--snapshot=" + snapshot);
        }
        return start(command, db, "pg_dump");
    }

    /** {@code pg_restore} of a custom-format dump read from stdin into the database; {@code clean}: drop first. */
    public Run restore(DatabaseConnection db, boolean clean) throws IOException {
        return restore(db, clean, null);
    }

    /** {@code pg_restore} of a custom-format dump file into the database (from stdin when {@code file} is null). */
    public Run restore(DatabaseConnection db, boolean clean, java.nio.file.Path file) throws IOException {
        List<String> command = new ArrayList<>(List.of(program("pg_restore"), "--no-password", "--exit-on-error",
                "--no-owner", "--no-privileges", "--host=" + db.host(), "--port=" + db.port(),
                "--username=" + db.user(), "--dbname=" + db.database()));
        if (clean) {
            command.add("--clean");
            command.add("--if-exists");
            command.add("--single-transaction");
        }
        if (file != null) {
            command.add(file.toString());
            Run run = start(command, db, "pg_restore");
            run.stdin().close();
            return run;
        }
        return start(command, db, "pg_restore");
    }

    /** The version a program reports, e.g. "pg_dump (PostgreSQL) 15.18". */
    public String version(String name) throws IOException {
        Process process = new ProcessBuilder(program(name), "--version").redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    private Run start(List<String> command, DatabaseConnection db, String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PGPASSWORD", db.password());
        builder.environment().put("PGCONNECT_TIMEOUT", "10");
        try {
            return new Run(builder.start(), name);
        } catch (IOException e) {
            throw new IOException(name + " cannot be started (" + e.getMessage() + "): the PostgreSQL client programs"
                    + " are part of the runtime image; set FLOWSTACK_PG_BIN to their directory elsewhere", e);
        }
    }

    private String program(String name) {
        return binDir.isEmpty() ? name : binDir + "/" + name;
    }
}
