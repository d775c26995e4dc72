package io.flowstack.crds.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Entry point of the {@code flowstack} commands packaged with the API module. */
@Command(name = "flowstack", mixinStandardHelpOptions = true, version = "flowstack 0.1.0",
        description = "Flowstack's offline check of manifests (the launcher ./flowstack adds render, operator,"
                + " runtime and demo).")
public final class FlowstackCli implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    private final PrintStream err;

    private FlowstackCli(PrintStream err) {
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, new java.io.ByteArrayInputStream(new byte[0]), out, err);
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        CommandLine line = new CommandLine(new FlowstackCli(err));
        line.addSubcommand(new ValidateCommand(in, out, err));
        return Cli.execute(line, args, out, err);
    }

    /** Without a command: the usage, and exit 2 (nothing was done). */
    @Override
    public Integer call() {
        spec.commandLine().usage(err);
        return Cli.USAGE;
    }
}
