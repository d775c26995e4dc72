package io.flowstack.runtime.store;

import io.flowstack.contract.ExecutionStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** One execution as stored, input and output opened. */
public record Execution(UUID id, String workflow, String revision, String trigger, ExecutionStatus status, JsonNode input,
                        JsonNode output, String error, Instant createdAt, Instant startedAt, Instant finishedAt,
                        Instant deadline, Instant scheduledAt) {

    public boolean finished() {
        return status.finished();
    }
}
