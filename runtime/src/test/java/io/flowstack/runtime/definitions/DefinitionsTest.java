package io.flowstack.runtime.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Definitions read from files as Kubernetes mounts them, validated, hot-reloaded, never replaced by bad ones. */
class DefinitionsTest {
    private static final String GOOD = """
            apiVersion: flowstack.io/v1alpha1
            kind: Workflow
            metadata: {name: report, namespace: tenant-acme}
            spec:
              trigger: {manual: {}}
              steps:
                - name: a
                  type: transform
                  transform: {output: {v: %d}}
                - name: b
                  type: transform
                  transform: {output: "${{ steps.a.output.v }}"}
            """;
    private static final String CYCLIC = """
            apiVersion: flowstack.io/v1alpha1
            kind: Workflow
            metadata: {name: report, namespace: tenant-acme}
            spec:
              trigger: {manual: {}}
              steps:
                - name: a
                  type: transform
                  needs: [b]
                  transform: {output: {}}
                - name: b
                  type: transform
                  needs: [a]
                  transform: {output: {}}
            """;

    /** Writes files the way the kubelet projects a ConfigMap: an atomic swap of a ..data symlink. */
    private static void project(Path dir, String generation, String fileName, String content) throws IOException {
        Path data = dir.resolve(".." + generation);
        Files.createDirectories(data);
        Files.writeString(data.resolve(fileName), content);
        Path link = dir.resolve("..data");
        Path next = dir.resolve("..data_tmp");
        Files.deleteIfExists(next);
        Files.createSymbolicLink(next, data.getFileName());
        Files.move(next, link, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Path file = dir.resolve(fileName);
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(file, Path.of("..data").resolve(fileName));
        }
    }

    @Test
    void readsAMountedConfigMapOnceAndKeepsTheLastGoodRevision(@TempDir Path dir) throws IOException {
        project(dir, "2026_1", "report.yaml", GOOD.formatted(1));
        Definitions definitions = new Definitions(dir);
        Definitions.Reload first = definitions.reload();
        assertThat(first.problems()).isEmpty();
        assertThat(first.deployed()).containsExactly("report");
        String revision1 = definitions.current("report").orElseThrow().revision();
        assertThat(definitions.reloadIfChanged()).isEmpty();

        project(dir, "2026_2", "report.yaml", CYCLIC);
        Definitions.Reload broken = definitions.reloadIfChanged().orElseThrow();
        assertThat(broken.problems()).anySatisfy(f -> {
            assertThat(f.path()).isEqualTo("spec.steps[0].needs[0]");
            assertThat(f.message()).contains("cycle");
        });
        assertThat(definitions.current("report").orElseThrow().revision()).as("the good revision keeps running")
                .isEqualTo(revision1);

        project(dir, "2026_3", "report.yaml", GOOD.formatted(2));
        Definitions.Reload fixed = definitions.reloadIfChanged().orElseThrow();
        assertThat(fixed.problems()).isEmpty();
        assertThat(fixed.changed()).containsExactly("report");
        String revision2 = definitions.current("report").orElseThrow().revision();
        assertThat(revision2).isNotEqualTo(revision1);
        assertThat(definitions.revision("report", revision1)).as("executions finish on the revision they began on")
                .isPresent();
    }

    @Test
    void revisionsDependOnlyOnTheSpec(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), GOOD.formatted(1));
        Definitions one = new Definitions(dir);
        one.reload();
        Files.writeString(dir.resolve("a.yaml"), GOOD.formatted(1).replace("metadata: {name: report, namespace: tenant-acme}",
                "metadata:\n  namespace: tenant-acme\n  name: report\n  labels: {x: y}"));
        Definitions two = new Definitions(dir);
        two.reload();
        assertThat(two.current("report").orElseThrow().revision()).isEqualTo(one.current("report").orElseThrow().revision());
    }

    @Test
    void readsTheExamplesWorkflowsAndIntegrations() throws IOException {
        Path examples = Path.of("").toAbsolutePath().getParent().resolve("examples/acme");
        Definitions definitions = new Definitions(examples);
        Definitions.Reload reload = definitions.reload();
        assertThat(reload.problems()).isEmpty();
        assertThat(reload.deployed()).containsExactlyInAnyOrder("lead-enrichment", "daily-report", "customer-onboarding");
        assertThat(definitions.integrations()).containsOnlyKeys("openai", "hubspot", "slack", "enrichment-api");
    }
}
