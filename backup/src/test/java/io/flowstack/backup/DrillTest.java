package io.flowstack.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstack.contract.BackupEnvironment;
import io.flowstack.contract.api.BackupReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Restore drills: a good backup passes; a truncated object, one altered byte, a wrong key, a missing object and a
 * manifest whose table checksum differs each fail with a message that says which.
 */
class DrillTest {
    private static TestingDatabases databases;
    private Path volume;
    private TestingJob job;
    private BackupReport backup;

    @BeforeAll
    static void start() throws Exception {
        databases = new TestingDatabases();
        databases.seed(3000);
    }

    @AfterAll
    static void stop() throws Exception {
        databases.close();
    }

    @BeforeEach
    void backUp() throws Exception {
        volume = Files.createTempDirectory("drill-volume");
        job = new TestingJob(databases, "drill").directory(volume);
        backup = job.run("backup");
        assertThat(backup.succeeded()).as(backup.message()).isTrue();
    }

    private Path object() {
        return volume.resolve(backup.key());
    }

    private Path manifest() {
        return volume.resolve(backup.key().replace(".dump", Manifest.SUFFIX));
    }

    private BackupReport drill() throws Exception {
        BackupReport report = job.run("verify");
        assertThat(report.command()).isEqualTo("verify");
        return report;
    }

    @Test
    void aGoodBackupPasses() throws Exception {
        BackupReport report = drill();
        assertThat(report.succeeded()).as(report.message()).isTrue();
        assertThat(report.message()).contains("3 tables").contains("every count and checksum as in the manifest");
    }

    @Test
    void aTruncatedObjectFailsAsTruncated() throws Exception {
        byte[] bytes = Files.readAllBytes(object());
        Files.write(object(), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThat(drill()).satisfies(r -> {
            assertThat(r.succeeded()).isFalse();
            assertThat(r.message()).contains("truncated");
        });
    }

    @Test
    void oneAlteredByteFailsAsAltered() throws Exception {
        byte[] bytes = Files.readAllBytes(object());
        bytes[bytes.length / 3] ^= 0x01;
        Files.write(object(), bytes);
        assertThat(drill()).satisfies(r -> {
            assertThat(r.succeeded()).isFalse();
            assertThat(r.message()).contains("altered");
        });
    }

    @Test
    void anotherKeyFailsAsTheWrongKey() throws Exception {
        byte[] other = TestingJob.KEY.clone();
        other[5] ^= 1;
        job.env.put(BackupEnvironment.KEY, Base64.getEncoder().encodeToString(other));
        assertThat(drill()).satisfies(r -> {
            assertThat(r.succeeded()).isFalse();
            assertThat(r.message()).contains("undecryptable").contains("wrong key");
        });
    }

    @Test
    void aMissingObjectFailsAsMissing() throws Exception {
        Files.delete(object());
        assertThat(drill()).satisfies(r -> {
            assertThat(r.succeeded()).isFalse();
            assertThat(r.message()).contains("is missing").contains(backup.key());
        });
    }

    @Test
    void aTableWhoseChecksumDiffersFromTheManifestIsNamed() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(manifest().toFile());
        ObjectNode steps = (ObjectNode) ((ArrayNode) manifest.get("tables")).get(2);
        assertThat(steps.get("table").asText()).isEqualTo("public.steps");
        steps.put("checksum", "12345");
        json.writeValue(manifest().toFile(), manifest);
        assertThat(drill()).satisfies(r -> {
            assertThat(r.succeeded()).isFalse();
            assertThat(r.message()).isEqualTo("table public.steps has 9000 rows as expected but their checksum"
                    + " differs from the manifest's");
        });
        steps.put("checksum", "12345").put("rows", 8999);
        json.writeValue(manifest().toFile(), manifest);
        assertThat(drill().message()).isEqualTo("table public.steps has 9000 rows, the manifest says 8999");
    }
}
