package io.flowstack.crds.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** Additions to the tenant's default-deny NetworkPolicy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NetworkSpec {
    @Size(max = 64)
    @JsonPropertyDescription("Namespaces whose pods may reach the tenant's pods (e.g. an ingress controller's). "
            + "DNS, the tenant's own namespace, the operator's and the monitoring namespace are always allowed.")
    public List<String> allowFromNamespaces = new ArrayList<>();

    @Size(max = 64)
    @JsonPropertyDescription("CIDR ranges the tenant's pods may connect to. When empty, egress is not restricted; "
            + "when set, egress is limited to these ranges, DNS and the tenant's database.")
    public List<String> allowEgressCidrs = new ArrayList<>();
}
