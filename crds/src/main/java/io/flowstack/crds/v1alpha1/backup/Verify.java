package io.flowstack.crds.v1alpha1.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Scheduled restore drills. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Verify {
    @Required
    @Size(min = 1, max = 128)
    @JsonPropertyDescription("Five-field cron expression of the restore drills, e.g. '0 4 * * SUN'.")
    public String schedule;
}
