package io.flowstack.crds.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.flowstack.crds.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file in examples/ is live: it loads, passes validation, and kustomize reaches it. */
class ExamplesTest {
    static final Path EXAMPLES = RepoFiles.resolve("examples");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stream<Path> exampleFiles() throws IOException {
        return ManifestLoader.yamlFiles(EXAMPLES).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleFiles")
    void loadsAndIsValidOnItsOwn(Path file) throws IOException {
        ManifestLoader.Result loaded = new ManifestLoader().load(file);
        assertThat(loaded.errors()).isEmpty();
        assertThat(loaded.manifests()).as("%s holds objects", file).isNotEmpty();
        // references to other objects are checked with the whole folder below; here only the object itself
        List<Manifest> all = new ManifestLoader().load(EXAMPLES).manifests();
        ValidationReport report = new ManifestValidator().validate(all);
        assertThat(report.findings().stream().filter(f -> f.location().startsWith(file + ":")).map(Finding::format))
                .isEmpty();
    }

    @Test
    void theWholeFolderIsValidAndCoversEveryKind() throws IOException {
        ManifestLoader.Result loaded = new ManifestLoader().load(EXAMPLES);
        ValidationReport report = new ManifestValidator().validate(loaded.manifests());
        assertThat(report.findings().stream().map(Finding::format)).isEmpty();
        assertThat(report.skipped()).isZero();
        Set<String> kinds = new TreeSet<>();
        loaded.manifests().forEach(m -> kinds.add(m.kind()));
        assertThat(kinds).containsExactly("BackupPolicy", "Integration", "Tenant", "Workflow");
    }

    @Test
    void kustomizeReachesEveryFileAndOnlyExistingOnes() throws IOException {
        Set<Path> reached = new TreeSet<>();
        collect(EXAMPLES, reached);
        assertThat(reached).containsExactlyInAnyOrderElementsOf(
                ManifestLoader.yamlFiles(EXAMPLES).stream().map(Path::normalize).toList());
    }

    @Test
    void nothingElseLivesInExamples() throws IOException {
        List<Path> other = new ArrayList<>();
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> !f.toString().endsWith(".yaml") && !f.getFileName().toString().equals("README.md"))
                    .forEach(other::add);
        }
        assertThat(other).isEmpty();
    }

    private static void collect(Path dir, Set<Path> reached) throws IOException {
        Path kustomization = dir.resolve("kustomization.yaml");
        assertThat(kustomization).as("every examples folder has a kustomization.yaml").exists();
        JsonNode resources = YAML.readTree(kustomization.toFile()).path("resources");
        for (JsonNode resource : resources) {
            Path target = dir.resolve(resource.asText()).normalize();
            assertThat(target).as("%s lists %s", kustomization, resource.asText()).exists();
            if (Files.isDirectory(target)) {
                collect(target, reached);
            } else {
                reached.add(target);
            }
        }
    }
}
