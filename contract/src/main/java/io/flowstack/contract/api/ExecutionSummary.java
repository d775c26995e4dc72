package io.flowstack.contract.api;

import io.flowstack.contract.ExecutionStatus;

/** A workflow's newest execution; times are ISO-8601 instants, null until they happen. */
public record ExecutionSummary(String id, ExecutionStatus phase, String startTime, String endTime) {
}
