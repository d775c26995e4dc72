package io.flowstack.operator.backup;

/** Something about a BackupPolicy its owner must fix before anything is created. */
public record BackupProblem(BackupReason reason, String message) {
}
