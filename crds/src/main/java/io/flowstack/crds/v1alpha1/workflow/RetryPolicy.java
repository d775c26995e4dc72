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
    public static final String DEFAULT_MAX_ATTEMPTS = "3";
    public static final String DEFAULT_INITIAL = "1s";
    public static final String DEFAULT_MAX = "1m";
    public static final String DEFAULT_MULTIPLIER = "2.0";

    @Default(DEFAULT_MAX_ATTEMPTS)
    @Min(1)
    @Max(20)
    @JsonPropertyDescription("Attempts in all, the first included.")
    public Integer maxAttempts;

    @JsonPropertyDescription("Wait between attempts.")
    public Backoff backoff;

    /** Exponential backoff. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Backoff {
        @Default(DEFAULT_INITIAL)
        @Pattern(Patterns.DURATION)
        @JsonPropertyDescription("Wait before the second attempt.")
        public String initial;

        @Default(DEFAULT_MAX)
        @Pattern(Patterns.DURATION)
        @JsonPropertyDescription("Longest wait between two attempts.")
        public String max;

        @Default(DEFAULT_MULTIPLIER)
        @Min(1)
        @Max(10)
        @JsonPropertyDescription("Factor applied to the wait after each attempt.")
        public Double multiplier;

        /** {@link #initial}, or the schema's default. */
        public String initialOrDefault() {
            return initial == null ? DEFAULT_INITIAL : initial;
        }

        /** {@link #max}, or the schema's default. */
        public String maxOrDefault() {
            return max == null ? DEFAULT_MAX : max;
        }

        /** {@link #multiplier}, or the schema's default. */
        public double multiplierOrDefault() {
            return multiplier == null ? Double.parseDouble(DEFAULT_MULTIPLIER) : multiplier;
        }
    }

    /** {@link #maxAttempts}, or the schema's default. */
    public int maxAttemptsOrDefault() {
        return maxAttempts == null ? Integer.parseInt(DEFAULT_MAX_ATTEMPTS) : maxAttempts;
    }

    /** {@link #backoff}, or one of the schema's defaults. */
    public Backoff backoffOrDefault() {
        return backoff == null ? new Backoff() : backoff;
    }
}
