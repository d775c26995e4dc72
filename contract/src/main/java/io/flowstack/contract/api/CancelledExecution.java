package io.flowstack.contract.api;

import io.flowstack.contract.ExecutionStatus;

/** POST /api/executions/{id}/cancel: the execution and its status now. */
public record CancelledExecution(String id, ExecutionStatus status) {
}
