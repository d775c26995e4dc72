package io.flowstack.backup;

import io.flowstack.contract.BackupEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The drill's checks when there is no room to spool the dump (the spool directory cannot be made: its parent is a
 * file), so that pg_restore reads it streamed from storage: the same failures with the same messages.
 */
class StreamedDrillTest extends DrillTest {
    @Override
    TestingJob configure(TestingJob job) {
        try {
            Path file = Files.createTempFile("not-a-directory", "");
            job.env.put(BackupEnvironment.SPOOL_DIR, file.resolve("spool").toString());
            return job;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    String pathOfTheDump() {
        return "streamed into pg_restore (no room for a local copy in ";
    }
}
