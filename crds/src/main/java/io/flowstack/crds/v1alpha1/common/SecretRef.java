package io.flowstack.crds.v1alpha1.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A whole Secret, optionally in another namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretRef {
    @Required
    @Size(min = 1, max = 253)
    @Pattern(Patterns.DNS_SUBDOMAIN)
    @JsonPropertyDescription("Name of the Secret.")
    public String name;

    @Size(max = 63)
    @Pattern(Patterns.DNS_LABEL)
    @JsonPropertyDescription("Namespace of the Secret. Where it may be omitted, the field's description says which namespace is used.")
    public String namespace;

    public SecretRef() {
    }

    public SecretRef(String name, String namespace) {
        this.name = name;
        this.namespace = namespace;
    }
}
