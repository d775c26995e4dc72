package io.flowstack.crds.v1alpha1.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A condition in the shape of Kubernetes' {@code metav1.Condition}, with its required fields. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {
    @Required
    @Size(max = 316)
    @JsonPropertyDescription("Type of the condition in CamelCase, e.g. Ready, Reconciling, Degraded, Valid.")
    public String type;

    @Required
    @JsonPropertyDescription("Status of the condition: True, False or Unknown.")
    public ConditionStatus status;

    @Required
    @Size(max = 1024)
    @JsonPropertyDescription("Machine-readable reason for the last transition, in CamelCase.")
    public String reason;

    @Required
    @Size(max = 32768)
    @JsonPropertyDescription("Human-readable message: what happened and, when something is wrong, what to do about it.")
    public String message;

    @Required
    @JsonPropertyDescription("When the condition last changed status (RFC 3339).")
    public String lastTransitionTime;

    @JsonPropertyDescription("The metadata.generation of the resource this condition was computed from.")
    public Long observedGeneration;

    public Condition() {
    }

    public Condition(String type, ConditionStatus status, String reason, String message) {
        this.type = type;
        this.status = status;
        this.reason = reason;
        this.message = message;
    }
}
