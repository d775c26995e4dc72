package io.flowstack.runtime.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** The checkpoint of one step of one execution. */
public record StepRun(String step, Status status, int attempts, JsonNode output, String error, Instant nextAttemptAt) {

    public enum Status {
        /** An attempt started and has not been checkpointed: in flight, or cut short by a crash (it runs again). */
        running,
        /** Waiting for a retry or the end of a delay, at nextAttemptAt. */
        waiting,
        succeeded,
        failed,
        skipped;

        public boolean finished() {
            return this != waiting && this != running;
        }
    }
}
