package io.flowstack.crds.v1alpha1.integration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.flowstack.crds.v1alpha1.common.Patterns;
import java.util.Map;

/** A Secret in the integration's namespace and the mapping of its keys. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IntegrationSecretRef {
    @Required
    @Size(min = 1, max = 253)
    @Pattern(Patterns.DNS_SUBDOMAIN)
    @JsonPropertyDescription("Name of the Secret, in the integration's namespace. Only the keys the integration needs are "
            + "mounted into the runtime.")
    public String name;

    @Size(max = 16)
    @JsonPropertyDescription("Maps the credential names the type needs (slack: token; openai: apiKey; hubspot: accessToken; "
            + "smtp: username, password; http: token, optional) to keys of the Secret. A name not listed is read from "
            + "the key of the same name.")
    public Map<String, String> keys;
}
