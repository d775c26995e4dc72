package io.flowstack.crds.v1alpha1.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.flowstack.crds.v1alpha1.common.Patterns;

/** Retries with exponential backoff and jitter. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetryPolicy {
    @Default("3")
    @Min(1)
    @Max(20)
    @JsonPropertyDescription("Attempts in all, the first included.")
    public Integer maxAttempts;

    @JsonPropertyDescription("Wait between attempts.")
    public Backoff backoff;

    /** Exponential backoff. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Backoff {
        @Default("1s")
        @Pattern(Patterns.DURATION)
        @JsonPropertyDescription("Wait before the second attempt.")
        public String initial;

        @Default("1m")
        @Pattern(Patterns.DURATION)
        @JsonPropertyDescription("Longest wait between two attempts.")
        public String max;

        @Default("2.0")
        @Min(1)
        @Max(10)
        @JsonPropertyDescription("Factor applied to the wait after each attempt.")
        public Double multiplier;
    }
}
