package io.flowstack.contract.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstack.contract.ExecutionStatus;
import java.util.List;

/** GET /api/executions/{id}: one execution, its input and output, and its steps in the order they ran. */
public record ExecutionView(String id, String workflow, String revision, String trigger, ExecutionStatus status,
                            JsonNode input, JsonNode output, String error, String createdAt, String startedAt,
                            String finishedAt, List<StepView> steps) {

    /** One step's checkpoint. */
    public record StepView(String name, String status, int attempts, JsonNode output, String error,
                           String nextAttemptAt) {
    }
}
