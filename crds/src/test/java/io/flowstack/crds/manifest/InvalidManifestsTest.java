package io.flowstack.crds.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstack.crds.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The invalid corpus: each file under src/test/resources/invalid declares, in "# expect: PATH | FRAGMENT" lines, the
 * field paths the API server (schema, CEL) or the semantic validator must reject it at. Each file is checked on its own.
 */
public class InvalidManifestsTest {
    public static final Path CORPUS = RepoFiles.resolve("crds/src/test/resources/invalid");
    private static final ManifestValidator VALIDATOR = new ManifestValidator();

    public record Expectation(String path, String fragment) {
    }

    static Stream<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    public static List<Expectation> expectations(Path file) throws IOException {
        List<Expectation> expectations = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("# expect: ")) {
                String[] parts = line.substring("# expect: ".length()).split(" \\| ", 2);
                expectations.add(new Expectation(parts[0].trim(), parts.length > 1 ? parts[1].trim() : ""));
            }
        }
        return expectations;
    }

    @Test
    void corpusIsLargeEnough() throws IOException {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRejectedAtTheDeclaredFieldPath(Path file) throws IOException {
        List<Expectation> expectations = expectations(file);
        assertThat(expectations).as("%s declares what it expects in '# expect:' lines", file.getFileName()).isNotEmpty();

        ManifestLoader.Result loaded = new ManifestLoader().load(file);
        assertThat(loaded.errors()).isEmpty();
        ValidationReport report = VALIDATOR.validate(loaded.manifests());

        assertThat(report.valid()).as("%s must be rejected", file.getFileName()).isFalse();
        for (Expectation expected : expectations) {
            assertThat(report.findings())
                    .as("%s: an error at %s containing '%s'; got %s", file.getFileName(), expected.path(),
                            expected.fragment(), report.findings().stream().map(Finding::format).toList())
                    .anySatisfy(finding -> {
                        assertThat(finding.path()).isEqualTo(expected.path());
                        assertThat(finding.message()).contains(expected.fragment());
                    });
        }
    }
}
