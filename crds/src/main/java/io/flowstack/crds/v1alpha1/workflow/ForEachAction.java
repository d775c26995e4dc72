package io.flowstack.crds.v1alpha1.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Runs one step per item of a list; the output is the list of the step's outputs, in order. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.step.type != 'forEach'",
        message = "a forEach step cannot contain another forEach: move the inner loop into its own workflow",
        fieldPath = ".step.type", reason = "FieldValueForbidden")
public class ForEachAction {
    public static final String DEFAULT_MAX_CONCURRENCY = "1";
    public static final String DEFAULT_MAX_ITEMS = "1000";

    @Required
    @Size(min = 1, max = 4096)
    @JsonPropertyDescription("Expression giving the list to iterate, e.g. steps.search.output.results. "
            + "The step sees the current item as item and its position as index.")
    public String items;

    @Required
    @JsonPropertyDescription("The step run for each item.")
    public StepAction step;

    @Default(DEFAULT_MAX_CONCURRENCY)
    @Min(1)
    @Max(32)
    @JsonPropertyDescription("How many items are processed at once.")
    public Integer maxConcurrency;

    @Default(DEFAULT_MAX_ITEMS)
    @Min(1)
    @Max(10000)
    @JsonPropertyDescription("Most items accepted; a longer list fails the step instead of flooding the target.")
    public Integer maxItems;

    /** {@link #maxConcurrency}, or the schema's default. */
    public int maxConcurrencyOrDefault() {
        return maxConcurrency == null ? Integer.parseInt(DEFAULT_MAX_CONCURRENCY) : maxConcurrency;
    }

    /** {@link #maxItems}, or the schema's default. */
    public int maxItemsOrDefault() {
        return maxItems == null ? Integer.parseInt(DEFAULT_MAX_ITEMS) : maxItems;
    }
}
