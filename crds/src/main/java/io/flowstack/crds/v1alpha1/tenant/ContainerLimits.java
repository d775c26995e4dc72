package io.flowstack.crds.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowstack.crds.v1alpha1.common.ResourceList;

/** LimitRange defaults for containers in the tenant namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerLimits {
    @JsonPropertyDescription("Requests given to a container that sets none.")
    public ResourceList defaultRequest;

    @JsonPropertyDescription("Limits given to a container that sets none.")
    public ResourceList defaultLimit;

    @JsonPropertyDescription("The most a single container may ask for.")
    public ResourceList max;
}
