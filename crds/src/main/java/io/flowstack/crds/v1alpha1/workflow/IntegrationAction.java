package io.flowstack.crds.v1alpha1.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.flowstack.crds.v1alpha1.common.Patterns;

/** One action of an Integration in the same namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IntegrationAction {
    @Required
    @Size(min = 1, max = 253)
    @Pattern(Patterns.DNS_SUBDOMAIN)
    @JsonPropertyDescription("Name of the Integration, in the workflow's namespace.")
    public String integrationRef;

    @Required
    @Size(min = 1, max = 64)
    @JsonPropertyDescription("Action of the integration's type, e.g. postMessage (slack), chatCompletion (openai), "
            + "upsertContact (hubspot), sendMail (smtp), request (http).")
    public String action;

    @PreserveUnknownFields
    @JsonPropertyDescription("Parameters of the action; strings may contain ${{ }} expressions.")
    public JsonNode params;
}
