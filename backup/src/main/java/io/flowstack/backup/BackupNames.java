package io.flowstack.backup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How backups are named in the store: {@code <folder><yyyyMMdd'T'HHmmss'Z'>-<4 hex>.dump} and the manifest beside it.
 * The name says when the backup was taken, so retention needs no other read.
 */
final class BackupNames {
    static final String DUMP = ".dump";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private BackupNames() {
    }

    static String stem(Instant time, String suffix) {
        return STAMP.format(time) + "-" + suffix;
    }

    /** When the backup of this manifest or object key was taken, if the key is one of ours. */
    static Optional<Instant> time(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        int dash = name.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from(STAMP.parse(name.substring(0, dash))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The key without its suffix ({@code .dump} or {@code .manifest.json}). */
    static String stemOf(String key) {
        if (key.endsWith(Manifest.SUFFIX)) {
            return key.substring(0, key.length() - Manifest.SUFFIX.length());
        }
        return key.endsWith(DUMP) ? key.substring(0, key.length() - DUMP.length()) : key;
    }
}
