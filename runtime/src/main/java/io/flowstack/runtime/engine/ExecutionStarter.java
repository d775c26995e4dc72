package io.flowstack.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstack.crds.validation.Durations;
import io.flowstack.runtime.definitions.Definitions;
import io.flowstack.runtime.store.ExecutionStore;
import io.flowstack.runtime.store.Executions;
import io.flowstack.runtime.store.WorkflowRevisions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.UUID;

/**
 * The one way an execution starts, whatever triggered it (the API, a webhook, a schedule's tick): of the deployed
 * revision (stored in the database first), with its input already checked, its timeout from the workflow, durable on
 * return. An idempotency key used
 * before returns the execution it started.
 */
public final class ExecutionStarter {
    /** What started an execution; the name is what executions and their API show. */
    public enum Trigger {
        manual, webhook, schedule
    }

    /** How often a replica notes again that a revision it starts executions of is still deployed. */
    private static final Duration STILL_DEPLOYED = Duration.ofHours(1);
    private final Executions executions;
    private final WorkflowRevisions revisions;
    private final Map<String, Instant> stored = new ConcurrentHashMap<>();

    public ExecutionStarter(ExecutionStore store) {
        this.executions = store.executions();
        this.revisions = store.revisions();
    }

    /**
     * @param scheduledAt the schedule's tick, for {@link Trigger#schedule}; null otherwise
     */
    /**
     * Starts the execution of a signed webhook delivery, recording the delivery in the same transaction; empty when
     * the delivery was recorded before (a replay).
     */
    public Optional<UUID> startDelivery(Definitions.Deployed deployed, JsonNode input, Optional<String> idempotencyKey,
                                        Instant now, String signature) {
        store(deployed, now);
        return executions.startDelivery(deployed.workflow().getMetadata().getName(), deployed.revision(), input,
                idempotencyKey, now, Durations.parse(deployed.workflow().getSpec().timeout), signature,
                StepPlan.firstToRecord(deployed.workflow()));
    }

    /** The revision is durable before any execution of it is, so every replica can finish it on that revision. */
    private void store(Definitions.Deployed deployed, Instant now) {
        String name = deployed.workflow().getMetadata().getName();
        String key = name + "@" + deployed.revision();
        Instant storedAt = stored.get(key);
        if (storedAt == null || storedAt.isBefore(now.minus(STILL_DEPLOYED))) {
            revisions.save(name, deployed.revision(), deployed.workflow());
            stored.put(key, now);
        }
    }

    public UUID start(Definitions.Deployed deployed, Trigger trigger, JsonNode input, Optional<String> idempotencyKey,
                      Instant now, Instant scheduledAt) {
        store(deployed, now);
        return executions.start(deployed.workflow().getMetadata().getName(), deployed.revision(), trigger.name(), input,
                idempotencyKey, now, Durations.parse(deployed.workflow().getSpec().timeout), scheduledAt,
                StepPlan.firstToRecord(deployed.workflow()));
    }
}
