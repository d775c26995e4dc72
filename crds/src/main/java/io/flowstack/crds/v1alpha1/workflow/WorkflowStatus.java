package io.flowstack.crds.v1alpha1.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowstack.crds.v1alpha1.common.FieldError;
import io.flowstack.crds.v1alpha1.common.FlowstackStatus;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkflowStatus extends FlowstackStatus {
    @JsonPropertyDescription("Hash of the spec the runtime runs.")
    public String revision;

    @JsonPropertyDescription("The most recent execution.")
    public ExecutionSummary lastExecution;

    @JsonPropertyDescription("Share of the last 24 hours' finished executions that succeeded, from 0 to 1.")
    public Double successRate24h;

    @JsonPropertyDescription("What is wrong with the spec, by field path; empty when it is valid.")
    public List<FieldError> validationErrors;

    /** One execution, briefly. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ExecutionSummary {
        @JsonPropertyDescription("Id of the execution in the runtime's API.")
        public String id;

        @JsonPropertyDescription("Phase: pending, running, succeeded, failed, cancelled or timed_out.")
        public String phase;

        @JsonPropertyDescription("When the execution started (RFC 3339).")
        public String startTime;

        @JsonPropertyDescription("When the execution finished (RFC 3339).")
        public String endTime;
    }
}
