package io.flowstack.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowstack.contract.api.BackupReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The backup commands of the runtime image: {@code backup}, {@code verify [BACKUP]}, {@code restore BACKUP|--latest}
 * and {@code list}. Configured by the environment (the contract's {@code BackupEnvironment}); each ends with one JSON
 * {@link BackupReport} in the container's termination message and on stdout, and exit code 0 (done), 1 (failed) or
 * 2 (usage). Credentials never appear in either.
 */
public final class BackupMain {
    static final Set<String> COMMANDS = Set.of("backup", "verify", "restore", "list");
    private static final int TERMINATION_LIMIT = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, String> env;
    private final PrintStream out;
    private final Clock clock;

    public BackupMain(Map<String, String> env, PrintStream out, Clock clock) {
        this.env = env;
        this.out = out;
        this.clock = clock;
    }

    /** Whether the arguments name one of these commands (the runtime's main hands them over). */
    public static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    public static void main(String[] args) {
        System.exit(new BackupMain(System.getenv(), System.out, Clock.systemUTC()).run(args));
    }

    public int run(String[] args) {
        if (!handles(args) || args.length > 2) {
            out.println("usage: backup | verify [BACKUP] | restore BACKUP|--latest | list");
            return 2;
        }
        Instant start = clock.instant();
        BackupSettings settings;
        try {
            settings = BackupSettings.from(env);
        } catch (BackupSettings.Invalid e) {
            return report(null, new BackupReport(args[0], false, e.getMessage(), null, start.toString(), null, null,
                    0.0, null, null));
        }
        Optional<String> backup = args.length == 2 && !args[1].equals("--latest") ? Optional.of(args[1])
                : Optional.empty();
        if (args[0].equals("restore") && args.length < 2) {
            out.println("restore needs the backup to restore (a key from list) or --latest");
            return 2;
        }
        BackupReport report;
        try {
            report = switch (args[0]) {
                case "backup" -> backup(settings, start);
                case "list" -> list(settings, start);
                default -> restore(settings, args[0], backup, start);
            };
        } catch (IOException | SQLException | RuntimeException e) {
            report = new BackupReport(args[0], false, describe(e), null, clock.instant().toString(), null, null,
                    seconds(start), null, null);
        }
        return report(settings, report);
    }

    private BackupReport backup(BackupSettings settings, Instant start) throws IOException, SQLException {
        BackupRun.Made made = new BackupRun(settings, settings.store(), new PgTools(settings.pgBin()), clock).run();
        Manifest m = made.manifest();
        long rows = m.tables().stream().mapToLong(Manifest.TableChecksum::rows).sum();
        return new BackupReport("backup", true, String.format(java.util.Locale.ROOT, "%d tables, %d rows, %s;"
                        + " dump %.1f s, checksums %.1f s", m.tables().size(), rows, m.encrypted() ? "encrypted"
                        : "not encrypted", made.dump().toMillis() / 1e3, made.checksums().toMillis() / 1e3),
                m.object(), clock.instant().toString(), m.size(), m.sha256(), seconds(start), made.retained(),
                made.retained().size());
    }

    private BackupReport restore(BackupSettings settings, String command, Optional<String> backup, Instant start)
            throws IOException, SQLException {
        RestoreRun run = new RestoreRun(settings, settings.store(), new PgTools(settings.pgBin()));
        Manifest manifest = null;
        RestoreRun.Restored restored;
        try {
            manifest = run.manifest(backup);
            restored = command.equals("verify") ? run.verify(manifest) : run.restore(manifest);
        } catch (RestoreRun.Mismatch e) {
            return new BackupReport(command, false, e.getMessage(), manifest == null ? null : manifest.object(),
                    clock.instant().toString(), null, null, seconds(start), null, null);
        }
        long rows = manifest.tables().stream().mapToLong(Manifest.TableChecksum::rows).sum();
        return new BackupReport(command, true, (command.equals("verify") ? "restored into a scratch database: "
                : "restored: ") + manifest.tables().size() + " tables, " + rows + " rows, every count and checksum as"
                + " in the manifest; checksums " + String.format(java.util.Locale.ROOT, "%.1f s",
                restored.checksums().toMillis() / 1e3),
                manifest.object(), clock.instant().toString(), manifest.size(), manifest.sha256(),
                seconds(start), null, null);
    }

    private BackupReport list(BackupSettings settings, Instant start) throws IOException {
        BackupStore store = settings.store();
        List<BackupReport.Retained> backups = new ArrayList<>();
        List<BackupStore.StoredObject> objects = store.list(settings.folder());
        for (BackupStore.StoredObject object : objects) {
            String stem = BackupNames.stemOf(object.key());
            boolean complete = objects.stream().anyMatch(o -> o.key().equals(stem + Manifest.SUFFIX));
            if (object.key().endsWith(BackupNames.DUMP) && complete) {
                backups.add(new BackupReport.Retained(object.key(), BackupNames.time(stem).map(Instant::toString)
                        .orElse(null), object.size()));
            }
        }
        backups.sort((a, b) -> b.key().compareTo(a.key()));
        backups.forEach(b -> out.println(b.key() + "\t" + b.time() + "\t" + b.size()));
        return new BackupReport("list", true, backups.size() + " backup(s) in " + store.describe(), null,
                clock.instant().toString(), null, null, seconds(start), backups, backups.size());
    }

    /** Writes the report to the termination log (cut to its 4096 bytes) and stdout; returns the exit code. */
    private int report(BackupSettings settings, BackupReport report) {
        BackupReport fitted = fit(report);
        try {
            byte[] json = JSON.writeValueAsBytes(fitted);
            out.println(new String(json, java.nio.charset.StandardCharsets.UTF_8));
            java.nio.file.Path log = settings != null ? settings.terminationLog()
                    : java.nio.file.Path.of(env.getOrDefault(io.flowstack.contract.BackupEnvironment.TERMINATION_LOG,
                    io.flowstack.contract.BackupEnvironment.DEFAULT_TERMINATION_LOG));
            if (log.getParent() == null || Files.isDirectory(log.getParent())) {
                Files.write(log, json);
            }
        } catch (IOException e) {
            out.println("cannot write the termination message: " + e.getMessage());
        }
        return report.succeeded() ? 0 : 1;
    }

    /** The report with as many retained backups as fit in a termination message. */
    static BackupReport fit(BackupReport report) {
        BackupReport fitted = report;
        try {
            while (JSON.writeValueAsBytes(fitted).length > TERMINATION_LIMIT && fitted.retained() != null
                    && !fitted.retained().isEmpty()) {
                List<BackupReport.Retained> fewer = fitted.retained().subList(0, fitted.retained().size() - 1);
                fitted = new BackupReport(fitted.command(), fitted.succeeded(), fitted.message(), fitted.key(),
                        fitted.time(), fitted.size(), fitted.sha256(), fitted.durationSeconds(), fewer,
                        fitted.retainedCount());
            }
            if (JSON.writeValueAsBytes(fitted).length > TERMINATION_LIMIT) {
                String message = fitted.message().substring(0, Math.min(fitted.message().length(), 2000)) + "…";
                fitted = new BackupReport(fitted.command(), fitted.succeeded(), message, fitted.key(), fitted.time(),
                        fitted.size(), fitted.sha256(), fitted.durationSeconds(), fitted.retained(),
                        fitted.retainedCount());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return fitted;
    }

    private double seconds(Instant start) {
        return Duration.between(start, clock.instant()).toMillis() / 1e3;
    }

    /** A failure as a person reads it: what could not be done, never a stack trace. */
    static String describe(Exception e) {
        if (e instanceof SQLException sql) {
            String state = sql.getSQLState() == null ? "" : sql.getSQLState();
            return (state.startsWith("08") ? "the database refuses connections: " : state.startsWith("28")
                    ? "the database refused the login: " : "the database failed: ") + firstLine(sql.getMessage());
        }
        return firstLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
