package io.flowstack.runtime.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** One execution as stored, input and output opened. */
public record Execution(UUID id, String workflow, String revision, String trigger, String status, JsonNode input,
                        JsonNode output, String error, Instant createdAt, Instant startedAt, Instant finishedAt,
                        Instant deadline, Instant scheduledAt) {

    public boolean finished() {
        return !status.equals("pending") && !status.equals("running");
    }
}
