package io.flowstack.runtime.store;

import io.flowstack.contract.ExecutionStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * What a workflow did lately: its newest execution and how many of the executions that finished within the window
 * succeeded. The operator copies it into the Workflow's status.
 */
public record Activity(UUID lastId, ExecutionStatus lastStatus, Instant lastStarted, Instant lastFinished,
                       long finishedInWindow, long succeededInWindow) {
    /** Succeeded over finished in the window; empty when nothing finished. */
    public Double successRate() {
        return finishedInWindow == 0 ? null : (double) succeededInWindow / finishedInWindow;
    }
}
