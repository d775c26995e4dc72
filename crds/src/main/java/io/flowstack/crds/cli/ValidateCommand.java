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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flowstack validate -f PATH}: what a GitOps repository runs in CI before Argo CD syncs. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check Flowstack manifests offline as the API server would (schema, defaults, CEL rules of the"
                + " CRDs), then semantically (cron, step graph, expressions, references).",
                "Prints one line per error: file:line: Kind ns/name: field.path: message."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every manifest is valid", "1:some are not", "2:wrong arguments, or a file cannot be read"})
final class ValidateCommand implements Callable<Integer> {
    private final java.io.InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    ValidateCommand(java.io.InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "<file|dir|->",
            description = "Manifests to check: a file (.yaml, .yml, .json), a folder (read recursively) or - for"
                    + " standard input. Repeat for more.")
    private List<String> paths = new ArrayList<>();

    @Override
    public Integer call() {
        ManifestLoader loader = new ManifestLoader();
        List<Manifest> manifests = new ArrayList<>();
        List<Finding> loadErrors = new ArrayList<>();
        for (String name : paths) {
            Path path = Path.of(name);
            try {
                ManifestLoader.Result result = name.equals("-") ? loader.load(in) : loader.load(path);
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
