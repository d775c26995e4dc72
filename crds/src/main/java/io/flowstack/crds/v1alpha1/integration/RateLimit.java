package io.flowstack.crds.v1alpha1.integration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RateLimit {
    @Required
    @Min(1)
    @Max(1000000)
    @JsonPropertyDescription("Most calls per minute; calls over it wait for a free slot (within the step timeout).")
    public Integer requestsPerMinute;
}
