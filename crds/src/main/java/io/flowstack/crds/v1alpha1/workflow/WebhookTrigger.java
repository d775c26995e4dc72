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
    public static final String DEFAULT_RATE_LIMIT_PER_MINUTE = "60";
    public static final String DEFAULT_MAX_BODY_BYTES = "1048576";

    @Size(min = 1, max = 128)
    @Pattern("^[a-z0-9]([-a-z0-9/]*[a-z0-9])?$")
    @JsonPropertyDescription("Path under the runtime's /webhooks/ prefix; the workflow's name when unset. "
            + "Requests must carry an HMAC-SHA256 signature made with the tenant's webhook signing key.")
    public String path;

    @Default(DEFAULT_RATE_LIMIT_PER_MINUTE)
    @Min(1)
    @Max(100000)
    @JsonPropertyDescription("Most requests accepted per minute; more get 429 Too Many Requests.")
    public Integer rateLimitPerMinute;

    @Default(DEFAULT_MAX_BODY_BYTES)
    @Min(1)
    @Max(10485760)
    @JsonPropertyDescription("Largest request body accepted, in bytes; larger bodies get 413.")
    public Integer maxBodyBytes;

    /** {@link #rateLimitPerMinute}, or the schema's default. */
    public int rateLimitPerMinuteOrDefault() {
        return rateLimitPerMinute == null ? Integer.parseInt(DEFAULT_RATE_LIMIT_PER_MINUTE) : rateLimitPerMinute;
    }

    /** {@link #maxBodyBytes}, or the schema's default. */
    public int maxBodyBytesOrDefault() {
        return maxBodyBytes == null ? Integer.parseInt(DEFAULT_MAX_BODY_BYTES) : maxBodyBytes;
    }
}
