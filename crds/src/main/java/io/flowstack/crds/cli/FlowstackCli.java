package io.flowstack.crds.cli;

import java.io.PrintStream;
import java.util.Arrays;

/** Entry point of the {@code flowstack} commands packaged with the API module. */
public final class FlowstackCli {
    private FlowstackCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, new java.io.ByteArrayInputStream(new byte[0]), out, err);
    }

    public static int run(String[] args, java.io.InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            usage(out);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (args[0].equals("validate")) {
            return new ValidateCommand(in, out, err).run(rest);
        }
        err.println("flowstack: unknown command \"" + args[0] + "\"");
        usage(err);
        return 2;
    }

    static void usage(PrintStream out) {
        out.println("Usage: flowstack validate -f <file|dir|-> [-f <file|dir|->...]");
        out.println();
        out.println("  validate   Check Flowstack manifests offline as the API server would (schema, defaults,");
        out.println("             CEL rules of the CRDs), then semantically (cron, step graph, expressions,");
        out.println("             references). Prints one line per error: file:line: Kind ns/name: field.path: message.");
        out.println("             Files are .yaml, .yml or .json; -f - reads standard input (kustomize build | ...).");
        out.println("             Exit code 0 when all are valid, 1 when any is not, 2 on usage or read errors.");
    }
}
