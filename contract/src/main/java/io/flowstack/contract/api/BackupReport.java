package io.flowstack.contract.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a backup command ends with, as one JSON document in its container's termination message (at most 4096 bytes,
 * so the retained list is cut to fit and {@link #retainedCount()} says how many there are). The operator reads it
 * into the BackupPolicy's status.
 *
 * @param command        backup, verify or restore
 * @param succeeded      whether the command did what it was asked
 * @param message        what happened, or why it failed (which table, which check)
 * @param key            the backup object the command made or read
 * @param time           when the command finished (RFC 3339)
 * @param size           bytes of the stored object
 * @param sha256         of the stored object
 * @param durationSeconds how long the command took
 * @param retained       backups kept after pruning, newest first (backup only)
 * @param retainedCount  how many are kept (the list may be cut to fit)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackupReport(String command, boolean succeeded, String message, String key, String time, Long size,
                           String sha256, Double durationSeconds, List<Retained> retained, Integer retainedCount) {

    /** A retained backup. */
    public record Retained(String key, String time, long size) {
    }
}
