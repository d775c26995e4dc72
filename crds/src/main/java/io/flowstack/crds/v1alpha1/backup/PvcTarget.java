package io.flowstack.crds.v1alpha1.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.flowstack.crds.v1alpha1.common.Patterns;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PvcTarget {
    @Required
    @Size(min = 1, max = 253)
    @Pattern(Patterns.DNS_SUBDOMAIN)
    @JsonPropertyDescription("Name of the PersistentVolumeClaim, in the policy's namespace. It should not live on the "
            + "database's own storage.")
    public String claimName;

    @Size(max = 512)
    @Pattern("^[^/][^\\s]*$|^$")
    @JsonPropertyDescription("Directory inside the volume, relative.")
    public String subPath;
}
