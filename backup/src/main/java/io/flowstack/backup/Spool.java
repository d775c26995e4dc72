package io.flowstack.backup;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A local copy of the dump for pg_restore: it restores ~1.2x faster from a file than from a pipe, and the object's
 * size and hash are checked before the database is touched. Used only where the dump fits; a write that fails
 * anyway (the disk filled meanwhile) is told apart from a failure to read the backup.
 */
final class Spool {
    /** Room left beside the dump for everything else on that disk. */
    static final long MARGIN = 16L << 20;

    private Spool() {
    }

    /** The spool's write failed (full disk, or the directory went away); the restore streams instead. */
    static final class Failed extends IOException {
        Failed(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** A new file in {@code directory} when it has room for {@code bytes}, else empty (also when it is unusable). */
    static Optional<Path> file(Path directory, long bytes) {
        try {
            Files.createDirectories(directory);
            if (Files.getFileStore(directory).getUsableSpace() < bytes + MARGIN) {
                return Optional.empty();
            }
            return Optional.of(Files.createTempFile(directory, "restore-", ".dump"));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Writes the file; its failures become {@link Failed}. */
    static OutputStream writer(Path file) throws IOException {
        OutputStream out;
        try {
            out = Files.newOutputStream(file);
        } catch (IOException e) {
            throw new Failed(e);
        }
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    throw new Failed(e);
                }
            }

            @Override
            public void close() throws IOException {
                try {
                    out.close();
                } catch (IOException e) {
                    throw new Failed(e);
                }
            }
        };
    }
}
