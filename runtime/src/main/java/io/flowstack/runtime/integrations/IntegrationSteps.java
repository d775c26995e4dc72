package io.flowstack.runtime.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.workflow.IntegrationAction;
import io.flowstack.crds.validation.Durations;
import io.flowstack.runtime.engine.EngineListener;
import io.flowstack.runtime.engine.IntegrationCalls;
import io.flowstack.runtime.engine.StepFailure;
import io.flowstack.runtime.http.OutboundHttp;
import java.io.IOException;
import java.time.Duration;

/**
 * Integration steps as the engine runs them: the deployed Integration and its credentials (read per call), its rate
 * limit (calls spaced evenly per replica; a call that would wait past its step timeout fails retryably), the
 * Integration's own timeout, then its type's adapter. Each outcome is counted for the metrics.
 */
public final class IntegrationSteps implements IntegrationCalls {
    private final Integrations integrations;
    private final IntegrationAdapters adapters;
    private final CallPacer pacer = new CallPacer();

    public IntegrationSteps(Integrations integrations, OutboundHttp http) {
        this.integrations = integrations;
        this.adapters = new IntegrationAdapters(http);
    }

    @Override
    public JsonNode call(IntegrationAction action, JsonNode params, Duration timeout, EngineListener listener)
            throws StepFailure {
        Integration integration = integrations.find(action.integrationRef).orElseThrow(() ->
                new StepFailure("no Integration " + action.integrationRef + " is deployed", false));
        Credentials credentials;
        try {
            credentials = integrations.credentials(integration);
        } catch (IOException e) {
            throw new StepFailure(e.getMessage(), true);
        }
        pace(action, integration, timeout, listener);
        Duration callTimeout = integration.getSpec().timeout == null ? timeout
                : min(timeout, Durations.parse(integration.getSpec().timeout));
        try {
            JsonNode output = adapters.call(integration, action.action, params, credentials, callTimeout);
            listener.integrationCalled(action.integrationRef, "success");
            return output;
        } catch (StepFailure failure) {
            listener.integrationCalled(action.integrationRef, failure.retryable() ? "retryable_failure" : "failure");
            throw failure;
        }
    }

    private void pace(IntegrationAction action, Integration integration, Duration timeout, EngineListener listener)
            throws StepFailure {
        if (integration.getSpec().rateLimit == null || integration.getSpec().rateLimit.requestsPerMinute == null) {
            return;
        }
        int perMinute = integration.getSpec().rateLimit.requestsPerMinute;
        try {
            if (!pacer.await(action.integrationRef, perMinute, timeout)) {
                listener.integrationCalled(action.integrationRef, "rate_limited");
                throw new StepFailure("integration " + action.integrationRef + " is at its rate limit of " + perMinute
                        + " requests per minute", true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailure("interrupted while waiting for the rate limit", true);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
