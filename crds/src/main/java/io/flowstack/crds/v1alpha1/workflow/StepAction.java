package io.flowstack.crds.v1alpha1.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.flowstack.crds.v1alpha1.common.Patterns;

/** What a step does, with its retry and timeout: shared by steps and the body of a forEach. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.http) == (self.type == 'http')",
        message = "http must be set exactly when type is http", fieldPath = ".http", reason = "FieldValueInvalid")
@ValidationRule(value = "has(self.integration) == (self.type == 'integration')",
        message = "integration must be set exactly when type is integration", fieldPath = ".integration", reason = "FieldValueInvalid")
@ValidationRule(value = "has(self.transform) == (self.type == 'transform')",
        message = "transform must be set exactly when type is transform", fieldPath = ".transform", reason = "FieldValueInvalid")
@ValidationRule(value = "has(self.delay) == (self.type == 'delay')",
        message = "delay must be set exactly when type is delay", fieldPath = ".delay", reason = "FieldValueInvalid")
public class StepAction {
    @Required
    @JsonPropertyDescription("What the step does: http, integration, transform, delay or forEach. "
            + "The field of the same name holds its settings.")
    public StepType type;

    @JsonPropertyDescription("Settings of an http step: one HTTP request.")
    public HttpAction http;

    @JsonPropertyDescription("Settings of an integration step: one action of an Integration.")
    public IntegrationAction integration;

    @JsonPropertyDescription("Settings of a transform step: builds an object from expressions.")
    public TransformAction transform;

    @JsonPropertyDescription("Settings of a delay step: waits, durably, before the next steps.")
    public DelayAction delay;

    @JsonPropertyDescription("Retries of a failed attempt; one attempt when unset.")
    public RetryPolicy retry;

    @Pattern(Patterns.DURATION)
    @JsonPropertyDescription("Longest one attempt may take, e.g. 30s; the attempt fails (and may be retried) after it.")
    public String timeout;

    /** An attempt's limit when {@link #timeout} is not set. */
    public static final String DEFAULT_TIMEOUT = "30s";

    /** {@link #timeout}, or {@link #DEFAULT_TIMEOUT}. */
    public String timeoutOrDefault() {
        return timeout == null ? DEFAULT_TIMEOUT : timeout;
    }
}
