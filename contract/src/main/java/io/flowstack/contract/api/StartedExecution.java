package io.flowstack.contract.api;

/** An execution just started (201 from the API, 202 from a webhook), or the earlier one its idempotency key named. */
public record StartedExecution(String id, String workflow, String revision) {
}
