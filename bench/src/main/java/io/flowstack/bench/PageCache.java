package io.flowstack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures from a cold page cache when asked ({@code -Dbench.coldCache=true}, needs root): every measure then reads
 * its input (the dump file, the stored backup, the database's files) from the disk, as a restore after an incident
 * does, instead of whatever the measure before it left in memory.
 */
final class PageCache {
    private static final Path DROP = Path.of("/proc/sys/vm/drop_caches");

    private PageCache() {
    }

    static boolean asked() {
        return Boolean.getBoolean("bench.coldCache");
    }

    static String describe() {
        return asked() ? "dropped (sync; echo 3 > " + DROP + ")" : "as the measure before left it";
    }

    static void dropIfAsked() throws IOException, InterruptedException {
        if (!asked()) {
            return;
        }
        if (new ProcessBuilder("sync").inheritIO().start().waitFor() != 0) {
            throw new IOException("sync failed");
        }
        Files.writeString(DROP, "3\n");
    }
}
