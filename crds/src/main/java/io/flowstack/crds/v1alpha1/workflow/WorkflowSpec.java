package io.flowstack.crds.v1alpha1.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.flowstack.crds.v1alpha1.common.Patterns;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkflowSpec {
    static final String DEFAULT_EXECUTION_HISTORY_LIMIT_TEXT = "100";
    public static final int DEFAULT_EXECUTION_HISTORY_LIMIT = 100;

    @Size(max = 1024)
    @JsonPropertyDescription("What the workflow does, for people reading it.")
    public String description;

    @Required
    @JsonPropertyDescription("What starts an execution: a schedule, a signed webhook, a manual start through the API, or several of them.")
    public Trigger trigger;

    @JsonPropertyDescription("Input the workflow accepts (a JSON Schema subset); executions with input that does not match are rejected.")
    public InputSpec input;

    @Required
    @Size(min = 1, max = 100)
    @JsonPropertyDescription("The steps. They run as a graph: each step waits for the steps it needs "
            + "(by default the step before it) and is skipped when its when expression is false.")
    public List<Step> steps = new ArrayList<>();

    @Default("1h")
    @Pattern(Patterns.DURATION)
    @JsonPropertyDescription("Longest an execution may run before it is stopped as timed_out, e.g. 15m.")
    public String timeout;

    @Default("false")
    @JsonPropertyDescription("Stops the workflow's triggers; executions already running finish.")
    public Boolean suspend;

    @Default(DEFAULT_EXECUTION_HISTORY_LIMIT_TEXT)
    @Min(0)
    @Max(10000)
    @JsonPropertyDescription("Finished executions kept in the runtime's history for this workflow; older ones are deleted.")
    public Integer executionHistoryLimit;

    /** {@link #executionHistoryLimit}, or the schema's default. */
    public int executionHistoryLimitOrDefault() {
        return executionHistoryLimit == null ? DEFAULT_EXECUTION_HISTORY_LIMIT : executionHistoryLimit;
    }
}
