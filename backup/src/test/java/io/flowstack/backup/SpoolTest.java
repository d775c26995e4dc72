package io.flowstack.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SpoolTest {
    @Test
    void aDumpThatFitsGetsAFileInTheDirectory() throws Exception {
        Path directory = Files.createTempDirectory("spool");
        Path file = Spool.file(directory.resolve("made"), 1 << 20).orElseThrow();
        assertThat(file.getParent()).isEqualTo(directory.resolve("made"));
        assertThat(file).exists();
    }

    @Test
    void noRoomOrNoDirectoryMeansNoSpool() throws Exception {
        Path directory = Files.createTempDirectory("spool");
        long free = Files.getFileStore(directory).getUsableSpace();
        assertThat(Spool.file(directory, free)).as("the margin is kept").isEmpty();
        Path file = Files.createTempFile("not-a-directory", "");
        assertThat(Spool.file(file.resolve("spool"), 1)).isEmpty();
        try (var left = Files.list(directory)) {
            assertThat(left).as("nothing left behind").isEmpty();
        }
    }

    @Test
    void aWriteThatFailsIsTheSpoolsFailure() throws Exception {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(full), "/dev/full (Linux) fails every write");
        try (OutputStream out = Spool.writer(full)) {
            assertThatThrownBy(() -> {
                out.write(new byte[1 << 16]);
                out.flush();
            }).isInstanceOf(Spool.Failed.class).hasMessageContaining("No space left");
        }
    }
}
