package io.flowstack.contract.api;

import io.flowstack.contract.ExecutionStatus;
import java.util.List;

/**
 * GET /api/workflows/{name}/executions: a page of a workflow's executions, newest first; {@code next} is the cursor of
 * the following page ({@code ?after=}), null on the last.
 */
public record ExecutionPage(List<Item> executions, String next) {

    /** One execution of the list; times are ISO-8601 instants, null until they happen. */
    public record Item(String id, String revision, String trigger, ExecutionStatus status, String createdAt,
                       String startedAt, String finishedAt, String error) {
    }
}
