package io.flowstack.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstack.crds.v1alpha1.workflow.IntegrationAction;
import java.time.Duration;

/**
 * How the engine calls an Integration from an {@code integration} step: the integrations package implements it (the
 * deployed Integrations, their credentials, rate limits and adapters), so the engine depends on no integration.
 */
public interface IntegrationCalls {
    /** No Integration is deployed: every integration step fails. */
    IntegrationCalls NONE = (action, params, timeout, listener) -> {
        throw new StepFailure("no Integration " + action.integrationRef + " is deployed", false);
    };

    /** Calls the action with the rendered params within {@code timeout}; reports the outcome to the listener. */
    JsonNode call(IntegrationAction action, JsonNode params, Duration timeout, EngineListener listener)
            throws StepFailure;
}
