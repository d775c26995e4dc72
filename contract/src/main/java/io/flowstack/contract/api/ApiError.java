package io.flowstack.contract.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of every 4xx and 503 of the runtime: a machine-readable reason (one of {@link Reasons} or a webhook
 * refusal), a message for people, and the fields at fault. Clients tell errors apart by status and reason, never by
 * the message.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(String reason, String message, List<FieldProblem> fields) {

    public ApiError(String reason, String message) {
        this(reason, message, List.of());
    }

    /** One field at fault, by its path. */
    public record FieldProblem(String field, String message) {
    }

    /** The reasons of the API (webhook refusals add theirs, see WebhookSignature and the webhook resource). */
    public static final class Reasons {
        public static final String UNAUTHORIZED = "unauthorized";
        public static final String UNKNOWN_WORKFLOW = "unknown_workflow";
        public static final String UNKNOWN_INTEGRATION = "unknown_integration";
        public static final String UNKNOWN_EXECUTION = "unknown_execution";
        public static final String INVALID_ID = "invalid_id";
        public static final String INVALID_INPUT = "invalid_input";
        public static final String MALFORMED = "malformed";
        public static final String UNAVAILABLE = "unavailable";
        public static final String INVALID_QUERY = "invalid_query";
        public static final String MANUAL_TRIGGER_DISABLED = "manual_trigger_disabled";
        public static final String SUSPENDED = "suspended";
        public static final String FINISHED = "finished";
        public static final String MAINTENANCE = "maintenance";
        public static final String IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused";

        private Reasons() {
        }
    }
}
