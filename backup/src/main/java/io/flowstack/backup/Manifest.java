package io.flowstack.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a backup holds, stored beside it ({@code <name>.manifest.json}) and written only after the backup object is
 * complete: a backup without a manifest does not exist. Its table checksums were taken in the snapshot the dump was
 * made from, so a drill compares like with like even when the database was written to during the backup.
 *
 * @param formatVersion  of this manifest
 * @param object         key of the backup object
 * @param createdAt      when the snapshot was taken (ISO-8601)
 * @param serverVersion  PostgreSQL server that was dumped
 * @param dumpVersion    pg_dump that dumped it
 * @param database       the database's name
 * @param encrypted      whether the object is sealed ({@link SegmentedCipher})
 * @param keyId          fingerprint of the key it is sealed with
 * @param size           bytes of the stored object
 * @param sha256         of the stored object, hex
 * @param tables         every table's row count and checksum
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(int formatVersion, String object, String createdAt, String serverVersion, String dumpVersion,
                       String database, boolean encrypted, String keyId, long size, String sha256,
                       List<TableChecksum> tables) {
    public static final int FORMAT_VERSION = 1;
    public static final String SUFFIX = ".manifest.json";

    /**
     * One table: its rows and an order-independent checksum of them (the sum of the first 64 bits of each row's MD5,
     * as a decimal number), so the same rows give the same checksum whatever their physical order.
     */
    public record TableChecksum(String table, long rows, String checksum) {
    }
}
