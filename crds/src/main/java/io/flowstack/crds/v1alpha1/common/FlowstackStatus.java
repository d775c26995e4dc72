package io.flowstack.crds.v1alpha1.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** What every Flowstack status carries: the generation it reflects and its conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class FlowstackStatus {
    @JsonPropertyDescription("The metadata.generation of the spec this status was computed from.")
    public Long observedGeneration;

    @JsonPropertyDescription("Conditions of the resource; Ready summarises them.")
    public List<Condition> conditions = new ArrayList<>();
}
