package io.flowstack.crds.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * How every {@code flowstack} command reads its arguments (picocli): {@code --help} prints the usage and exits 0; a
 * wrong option or value prints one line saying which, and where to look, and exits 2; a failure while the command
 * runs prints one line (no stack trace) and exits 2. The commands' own outcomes (0 valid, 1 invalid) are theirs.
 */
public final class Cli {
    public static final int USAGE = 2;

    private Cli() {
    }

    public static int execute(Object command, String[] args, PrintStream out, PrintStream err) {
        return execute(new CommandLine(command), args, out, err);
    }

    /** The same for a command line already built (with subcommands). */
    public static int execute(CommandLine line, String[] args, PrintStream out, PrintStream err) {
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setParameterExceptionHandler((e, ignored) -> {
            String name = e.getCommandLine().getCommandSpec().qualifiedName();
            err.println(name + ": " + e.getMessage() + " (see " + name + " --help)");
            return USAGE;
        });
        line.setExecutionExceptionHandler((e, failed, parsed) -> {
            err.println(failed.getCommandSpec().qualifiedName() + ": " + oneLine(e));
            return USAGE;
        });
        return line.execute(args);
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
