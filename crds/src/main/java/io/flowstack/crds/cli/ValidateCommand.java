package io.flowstack.crds.cli;

import io.flowstack.crds.manifest.Finding;
import io.flowstack.crds.manifest.Manifest;
import io.flowstack.crds.manifest.ManifestLoader;
import io.flowstack.crds.manifest.ManifestValidator;
import io.flowstack.crds.manifest.ValidationReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code flowstack validate -f PATH}: what a GitOps repository runs in CI before Argo CD syncs. */
final class ValidateCommand {
    private final java.io.InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    ValidateCommand(java.io.InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ((arg.equals("-f") || arg.equals("--filename")) && i + 1 < args.length) {
                paths.add(Path.of(args[++i]));
            } else if (arg.startsWith("--filename=")) {
                paths.add(Path.of(arg.substring("--filename=".length())));
            } else if (arg.equals("-h") || arg.equals("--help")) {
                FlowstackCli.usage(out);
                return 0;
            } else {
                err.println("flowstack validate: unexpected argument \"" + arg + "\"");
                FlowstackCli.usage(err);
                return 2;
            }
        }
        if (paths.isEmpty()) {
            err.println("flowstack validate: name the manifests with -f <file|dir>");
            return 2;
        }
        ManifestLoader loader = new ManifestLoader();
        List<Manifest> manifests = new ArrayList<>();
        List<Finding> loadErrors = new ArrayList<>();
        for (Path path : paths) {
            try {
                ManifestLoader.Result result = path.toString().equals("-") ? loader.load(in) : loader.load(path);
                manifests.addAll(result.manifests());
                result.errors().forEach(e -> loadErrors.add(new Finding(e.file() + ":" + e.line(), null, null, e.message())));
            } catch (IOException e) {
                err.println("flowstack validate: cannot read " + path + ": " + e.getMessage());
                return 2;
            }
        }
        ValidationReport report = new ManifestValidator().validate(manifests);
        List<Finding> findings = new ArrayList<>(loadErrors);
        findings.addAll(report.findings());
        findings.forEach(f -> out.println(f.format()));
        String summary = report.checked() + " Flowstack object(s) checked, " + report.skipped()
                + " other object(s) passed over, " + findings.size() + " error(s)";
        (findings.isEmpty() ? out : err).println(summary);
        return findings.isEmpty() ? 0 : 1;
    }
}
