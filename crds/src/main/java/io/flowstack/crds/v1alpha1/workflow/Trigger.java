package io.flowstack.crds.v1alpha1.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.schedule) || has(self.webhook) || has(self.manual)",
        message = "set at least one trigger: schedule, webhook or manual", reason = "FieldValueRequired")
public class Trigger {
    @JsonPropertyDescription("Starts executions on a cron schedule.")
    public ScheduleTrigger schedule;

    @JsonPropertyDescription("Starts an execution for each correctly signed HTTP request.")
    public WebhookTrigger webhook;

    @JsonPropertyDescription("Allows starting executions through the runtime's REST API.")
    public ManualTrigger manual;
}
