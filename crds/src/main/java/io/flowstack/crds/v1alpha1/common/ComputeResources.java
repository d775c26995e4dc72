package io.flowstack.crds.v1alpha1.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Requests and limits of a container. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComputeResources {
    @JsonPropertyDescription("What the scheduler reserves for the container.")
    public ResourceList requests;

    @JsonPropertyDescription("The most the container may use; memory above it gets the container killed.")
    public ResourceList limits;

    public ComputeResources() {
    }

    public ComputeResources(ResourceList requests, ResourceList limits) {
        this.requests = requests;
        this.limits = limits;
    }
}
