package io.flowstack.crds.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.flowstack.crds.v1alpha1.common.Patterns;

/** A ResourceQuota for the tenant namespace. Unset fields are not limited. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Quota {
    @Pattern(Patterns.QUANTITY)
    @JsonPropertyDescription("Total CPU requests of all pods in the namespace, e.g. 4.")
    public Quantity cpu;

    @Pattern(Patterns.QUANTITY)
    @JsonPropertyDescription("Total memory requests (and limits) of all pods in the namespace, e.g. 8Gi.")
    public Quantity memory;

    @Pattern(Patterns.QUANTITY)
    @JsonPropertyDescription("Total storage of all PersistentVolumeClaims in the namespace, e.g. 50Gi.")
    public Quantity storage;

    @Min(1)
    @Max(10000)
    @JsonPropertyDescription("Most pods the namespace may run at once, backup jobs included.")
    public Integer pods;
}
