package io.flowstack.crds;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstack.crds.admission.CrdSchemas;
import io.flowstack.crds.docs.ApiReference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

/**
 * The CRDs in the chart and the API reference are committed so that reviewers see every API change; they must be
 * exactly what the build generates. Run with -Dflowstack.update-generated to refresh them.
 */
class GeneratedFilesTest {
    static final java.util.List<String> CRD_NAMES = CrdSchemas.CRD_NAMES;

    @ParameterizedTest
    @FieldSource("CRD_NAMES")
    void committedCrdIsTheGeneratedOne(String name) throws IOException {
        String generated;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/fabric8/" + name + "-v1.yml")) {
            assertThat(in).as("generated CRD %s", name).isNotNull();
            generated = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path committed = RepoFiles.resolve("charts/flowstack/crds/" + name + ".yaml");
        if (RepoFiles.updating()) {
            RepoFiles.write(committed, generated);
        }
        assertThat(RepoFiles.read(committed))
                .as("%s is stale: run ./mvnw -pl crds verify -D%s and commit the result", committed, RepoFiles.UPDATE_PROPERTY)
                .isEqualTo(generated);
    }

    @Test
    void committedApiReferenceIsTheGeneratedOne() {
        String generated = ApiReference.render(CrdSchemas.load());
        Path committed = RepoFiles.resolve("docs/api.md");
        if (RepoFiles.updating()) {
            RepoFiles.write(committed, generated);
        }
        assertThat(RepoFiles.read(committed))
                .as("%s is stale: run ./mvnw -pl crds verify -D%s and commit the result", committed, RepoFiles.UPDATE_PROPERTY)
                .isEqualTo(generated);
    }
}
