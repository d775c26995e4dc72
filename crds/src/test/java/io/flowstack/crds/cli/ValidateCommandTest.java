package io.flowstack.crds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstack.crds.RepoFiles;
import io.flowstack.crds.manifest.InvalidManifestsTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `flowstack validate -f PATH`, as a GitOps pipeline runs it. */
class ValidateCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return FlowstackCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void examplesAreValid() {
        int exit = run("validate", "-f", RepoFiles.resolve("examples").toString());
        assertThat(exit).as(stdout() + err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(stdout()).contains("13 Flowstack object(s) checked").contains("0 error(s)");
    }

    @Test
    void invalidCorpusFailsWithOneLinePerErrorNamingFileObjectAndPath() throws IOException {
        Path corpus = InvalidManifestsTest.CORPUS;
        int exit = run("validate", "-f", corpus.toString());
        assertThat(exit).isEqualTo(1);
        List<String> lines = stdout().lines().toList();
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path file : files.sorted().toList()) {
                for (var expected : InvalidManifestsTest.expectations(file)) {
                    assertThat(lines).as("a line for %s at %s", file.getFileName(), expected.path())
                            .anySatisfy(line -> assertThat(line)
                                    .startsWith(file + ":")
                                    .contains(": " + expected.path() + ": ")
                                    .containsPattern(":[0-9]+: (Tenant|Workflow|Integration|BackupPolicy|Pipeline) "));
                }
            }
        }
    }

    @Test
    void printsTheExactLineFormat(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("wf.yaml");
        Files.writeString(file, """
                apiVersion: flowstack.io/v1alpha1
                kind: Integration
                metadata:
                  name: ok
                  namespace: team
                spec:
                  type: http
                  baseUrl: https://api.example
                ---
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata:
                  name: report
                  namespace: team
                spec:
                  trigger:
                    manual: {}
                  steps:
                    - name: a
                      type: delay
                      delay:
                        duration: 1s
                    - name: b
                      type: delay
                      needs: [a, c]
                      delay:
                        duration: 1s
                """);
        assertThat(run("validate", "-f", file.toString())).isEqualTo(1);
        assertThat(stdout().lines().toList()).containsExactly(
                file + ":10: Workflow team/report: spec.steps[1].needs[1]: no step named \"c\": use one of a, b");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("2 Flowstack object(s) checked").contains("1 error(s)");
    }

    @Test
    void otherKindsArePassedOverAndMalformedYamlIsReported(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("cm.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  a: b
                """);
        Files.writeString(dir.resolve("broken.yaml"), "kind: Workflow\nspec: [unclosed\n");
        assertThat(run("validate", "-f", dir.toString())).isEqualTo(1);
        assertThat(stdout()).contains("broken.yaml:").contains("not valid YAML");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("1 other object(s) passed over");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run("validate")).isEqualTo(2);
        assertThat(run("validate", "-f", "/no/such/path")).isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
    }

    @Test
    void aStreamIsReadWithDashAsKustomizeBuildPipesIt() {
        String manifests = """
                apiVersion: flowstack.io/v1alpha1
                kind: Integration
                metadata: {name: ok, namespace: team}
                spec: {type: http, baseUrl: https://api.example}
                ---
                apiVersion: flowstack.io/v1alpha1
                kind: Integration
                metadata: {name: bad, namespace: team}
                spec: {type: carrier-pigeon, baseUrl: https://api.example}
                """;
        int exit = FlowstackCli.run(new String[] {"validate", "-f", "-"}, new java.io.ByteArrayInputStream(
                manifests.getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(1);
        assertThat(stdout().lines().toList()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("<stdin>:6: Integration team/bad: spec.type: "));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("2 Flowstack object(s) checked");
    }

    @Test
    void jsonFilesAreManifestsToo(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("integration.json"), """
                {"apiVersion": "flowstack.io/v1alpha1", "kind": "List", "items": [
                  {"apiVersion": "flowstack.io/v1alpha1", "kind": "Integration",
                   "metadata": {"name": "ok", "namespace": "team"},
                   "spec": {"type": "http", "baseUrl": "https://api.example"}}]}
                """);
        assertThat(run("validate", "-f", dir.toString())).isZero();
        assertThat(stdout()).contains("1 Flowstack object(s) checked");
    }

    @Test
    void everyHelpExitsZeroAndABadFlagExitsTwoWithOneLine() {
        assertThat(run("--help")).isZero();
        assertThat(stdout()).contains("validate");
        assertThat(run("validate", "--help")).isZero();
        assertThat(stdout()).contains("-f, --filename=<file|dir|->");
        err.reset();
        assertThat(run("validate", "--frobnicate", "-f", "x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip().lines()).singleElement()
                .satisfies(line -> assertThat(line).contains("--frobnicate").contains("--help"));
    }
}
