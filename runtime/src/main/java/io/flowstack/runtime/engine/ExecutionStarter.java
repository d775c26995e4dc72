package io.flowstack.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstack.crds.validation.Durations;
import io.flowstack.runtime.definitions.Definitions;
import io.flowstack.runtime.store.Executions;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The one way an execution starts, whatever triggered it (the API, a webhook, a schedule's tick): of the deployed
 * revision, with its input already checked, its timeout from the workflow, durable on return. An idempotency key used
 * before returns the execution it started.
 */
public final class ExecutionStarter {
    /** What started an execution; the name is what executions and their API show. */
    public enum Trigger {
        manual, webhook, schedule
    }

    private final Executions executions;

    public ExecutionStarter(Executions executions) {
        this.executions = executions;
    }

    /**
     * @param scheduledAt the schedule's tick, for {@link Trigger#schedule}; null otherwise
     */
    public UUID start(Definitions.Deployed deployed, Trigger trigger, JsonNode input, Optional<String> idempotencyKey,
                      Instant now, Instant scheduledAt) {
        return executions.start(deployed.workflow().getMetadata().getName(), deployed.revision(), trigger.name(), input,
                idempotencyKey, now, Durations.parse(deployed.workflow().getSpec().timeout), scheduledAt);
    }
}
