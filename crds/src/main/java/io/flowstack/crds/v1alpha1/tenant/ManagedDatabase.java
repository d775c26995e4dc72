package io.flowstack.crds.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.flowstack.crds.v1alpha1.common.ComputeResources;
import io.flowstack.crds.v1alpha1.common.Patterns;

/** The PostgreSQL server the operator runs for a tenant. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ManagedDatabase {
    @Default("17")
    @Pattern("^(15|16|17)$")
    @JsonPropertyDescription("PostgreSQL major version: 15, 16 or 17.")
    public String version;

    @Default("5Gi")
    @Pattern(Patterns.QUANTITY)
    @JsonPropertyDescription("Size of the data volume. It can grow later if the storage class allows expansion.")
    public Quantity storage;

    @Size(max = 253)
    @JsonPropertyDescription("Storage class of the data volume; the cluster default when unset.")
    public String storageClassName;

    @JsonPropertyDescription("CPU and memory of the PostgreSQL container.")
    public ComputeResources resources;
}
