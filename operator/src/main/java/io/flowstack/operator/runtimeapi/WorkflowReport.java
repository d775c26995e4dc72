package io.flowstack.operator.runtimeapi;

/**
 * What a runtime says about one of its workflows: the revision it runs, its newest execution and its success rate
 * over the last 24 hours (null when nothing finished).
 */
public record WorkflowReport(String name, String revision, boolean suspended, String lastExecutionId,
                             String lastExecutionPhase, String lastExecutionStart, String lastExecutionEnd,
                             Double successRate24h) {
}
