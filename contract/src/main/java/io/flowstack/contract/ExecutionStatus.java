package io.flowstack.contract;

/** Where an execution is: not finished yet (pending, running) or ended, and how. */
public enum ExecutionStatus {
    pending,
    running,
    succeeded,
    failed,
    cancelled,
    timed_out;

    public boolean finished() {
        return this != pending && this != running;
    }
}
