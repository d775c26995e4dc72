package io.flowstack.crds.v1alpha1.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ManualTrigger {
    @Default("true")
    @JsonPropertyDescription("Whether the REST API may start executions of this workflow.")
    public Boolean enabled;
}
