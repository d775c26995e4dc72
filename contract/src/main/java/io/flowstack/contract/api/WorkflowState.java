package io.flowstack.contract.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One deployed workflow: the revision the runtime runs, whether its triggers are suspended, its newest execution and
 * its success rate over 24 hours (both absent until something ran).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowState(String name, String revision, boolean suspended, ExecutionSummary lastExecution,
                            Double successRate24h) {
}
