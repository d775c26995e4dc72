package io.flowstack.crds.v1alpha1.integration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.flowstack.crds.v1alpha1.common.Patterns;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.type != 'http' || has(self.baseUrl)",
        message = "an http integration needs baseUrl", fieldPath = ".baseUrl", reason = "FieldValueRequired")
@ValidationRule(value = "self.type != 'smtp' || !has(self.baseUrl)",
        message = "an smtp integration takes config.host and config.port, not baseUrl", fieldPath = ".baseUrl",
        reason = "FieldValueForbidden")
@ValidationRule(value = "self.type == 'http' || has(self.secretRef)",
        message = "this integration type needs secretRef with its credentials", fieldPath = ".secretRef",
        reason = "FieldValueRequired")
public class IntegrationSpec {
    @Required
    @JsonPropertyDescription("Kind of service: http, slack, openai (or any OpenAI-compatible API), hubspot or smtp.")
    public IntegrationType type;

    @Size(min = 1, max = 2048)
    @Pattern(Patterns.HTTP_URL)
    @JsonPropertyDescription("Base URL of the service. Required for http; defaults to the public API of slack, "
            + "openai and hubspot (set it for a proxy or a compatible service).")
    public String baseUrl;

    @Size(max = 32)
    @JsonPropertyDescription("Type-specific settings. smtp: host, port, from, starttls (true|false). "
            + "openai: model. slack: defaultChannel. http: none.")
    public Map<String, String> config;

    @JsonPropertyDescription("The Secret holding the credentials, and which of its keys hold what.")
    public IntegrationSecretRef secretRef;

    @JsonPropertyDescription("Client-side rate limit of calls to the service, shared by all the tenant's runtime pods.")
    public RateLimit rateLimit;

    @Default("30s")
    @Pattern(Patterns.DURATION)
    @JsonPropertyDescription("Longest one call may take.")
    public String timeout;
}
