package io.flowstack.crds.v1alpha1.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.flowstack.crds.v1alpha1.common.Patterns;

/** A durable pause. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DelayAction {
    @Required
    @Pattern(Patterns.DURATION)
    @JsonPropertyDescription("How long to wait, e.g. 10m or 24h; survives restarts of the runtime.")
    public String duration;
}
