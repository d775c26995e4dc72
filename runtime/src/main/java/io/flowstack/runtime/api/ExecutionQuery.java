package io.flowstack.runtime.api;

import io.flowstack.contract.ExecutionStatus;
import io.flowstack.contract.api.ApiError;
import io.flowstack.contract.api.ExecutionPage;
import io.flowstack.runtime.store.ExecutionViews;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The query parameters of an executions list, read strictly: each one that cannot be read is named in a 400 with the
 * value it had. The page cursor is opaque to callers (base64 of the last row's creation time and id).
 */
record ExecutionQuery(ExecutionViews.Filter filter, List<ApiError.FieldProblem> problems) {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    static ExecutionQuery read(String status, String since, String until, String limit, String after) {
        List<ApiError.FieldProblem> problems = new ArrayList<>();
        Optional<ExecutionStatus> statusFilter = Optional.empty();
        if (status != null) {
            try {
                statusFilter = Optional.of(ExecutionStatus.valueOf(status));
            } catch (IllegalArgumentException e) {
                problems.add(new ApiError.FieldProblem("status", "not a status: " + status + "; one of "
                        + List.of(ExecutionStatus.values())));
            }
        }
        Optional<Instant> from = instant("since", since, problems);
        Optional<Instant> to = instant("until", until, problems);
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                problems.add(new ApiError.FieldProblem("limit", "must be a whole number from 1 to " + MAX_LIMIT
                        + ", not " + limit));
            }
        }
        Optional<ExecutionViews.Position> position = Optional.empty();
        if (after != null) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8).split("/", 2);
                position = Optional.of(new ExecutionViews.Position(Instant.parse(parts[0]), UUID.fromString(parts[1])));
            } catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
                problems.add(new ApiError.FieldProblem("after", "not a cursor this API returned as next: " + after));
            }
        }
        return new ExecutionQuery(new ExecutionViews.Filter(statusFilter, from, to, size, position), problems);
    }

    static String cursor(ExecutionViews.Position position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((position.createdAt() + "/" + position.id())
                .getBytes(StandardCharsets.UTF_8));
    }

    static ExecutionPage page(ExecutionViews.Page page) {
        return new ExecutionPage(page.executions().stream().map(e -> new ExecutionPage.Item(e.id().toString(),
                e.revision(), e.trigger(), e.status(), text(e.createdAt()), text(e.startedAt()), text(e.finishedAt()),
                e.error())).toList(), page.next().map(ExecutionQuery::cursor).orElse(null));
    }

    private static Optional<Instant> instant(String name, String value, List<ApiError.FieldProblem> problems) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            problems.add(new ApiError.FieldProblem(name, "not an ISO-8601 instant (e.g. 2026-12-03T10:00:00Z): "
                    + value));
            return Optional.empty();
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
