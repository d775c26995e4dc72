package io.flowstack.crds.v1alpha1.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.generator.annotation.Pattern;

/** CPU and memory amounts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResourceList {
    @Pattern(Patterns.QUANTITY)
    @JsonPropertyDescription("CPU as a Kubernetes quantity, e.g. 250m or 1.")
    public Quantity cpu;

    @Pattern(Patterns.QUANTITY)
    @JsonPropertyDescription("Memory as a Kubernetes quantity, e.g. 512Mi or 2Gi.")
    public Quantity memory;

    public ResourceList() {
    }

    public ResourceList(String cpu, String memory) {
        this.cpu = cpu == null ? null : new Quantity(cpu);
        this.memory = memory == null ? null : new Quantity(memory);
    }
}
