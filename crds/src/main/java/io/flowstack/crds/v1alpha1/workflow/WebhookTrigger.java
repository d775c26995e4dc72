package io.flowstack.crds.v1alpha1.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class WebhookTrigger {
    @Size(min = 1, max = 128)
    @Pattern("^[a-z0-9]([-a-z0-9/]*[a-z0-9])?$")
    @JsonPropertyDescription("Path under the runtime's /webhooks/ prefix; the workflow's name when unset. "
            + "Requests must carry an HMAC-SHA256 signature made with the tenant's webhook signing key.")
    public String path;

    @Default("60")
    @Min(1)
    @Max(100000)
    @JsonPropertyDescription("Most requests accepted per minute; more get 429 Too Many Requests.")
    public Integer rateLimitPerMinute;

    @Default("1048576")
    @Min(1)
    @Max(10485760)
    @JsonPropertyDescription("Largest request body accepted, in bytes; larger bodies get 413.")
    public Integer maxBodyBytes;
}
