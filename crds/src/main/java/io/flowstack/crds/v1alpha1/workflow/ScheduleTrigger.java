package io.flowstack.crds.v1alpha1.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ScheduleTrigger {
    @Required
    @Size(min = 1, max = 128)
    @JsonPropertyDescription("Five-field cron expression (minute hour day-of-month month day-of-week), "
            + "or @hourly, @daily, @weekly, @monthly, @yearly. Example: '0 7 * * MON-FRI'.")
    public String cron;

    @Default("UTC")
    @Size(min = 1, max = 64)
    @JsonPropertyDescription("IANA time zone the cron expression is read in, e.g. Europe/Berlin.")
    public String timezone;

    @Default("Forbid")
    @JsonPropertyDescription("When a tick comes while an execution of this workflow still runs: "
            + "Allow starts another, Forbid skips the tick, Replace cancels the running one and starts anew.")
    public ConcurrencyPolicy concurrencyPolicy;

    public enum ConcurrencyPolicy {
        Allow, Forbid, Replace
    }
}
