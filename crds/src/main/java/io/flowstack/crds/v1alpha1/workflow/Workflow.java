package io.flowstack.crds.v1alpha1.workflow;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A workflow the tenant's runtime executes. Lives in a tenant namespace. */
@com.fasterxml.jackson.annotation.JsonClassDescription("A workflow the tenant's runtime runs: its trigger (manual, schedule, webhook) and its steps (HTTP calls, integrations, transforms, delays, forEach), with retries. Lives in a tenant's namespace.")
@Group("flowstack.io")
@Version("v1alpha1")
@Kind("Workflow")
@Plural("workflows")
@Singular("workflow")
@ShortNames("fswf")
@Categories("flowstack")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        getDescription = "Whether the workflow is valid and deployed to the runtime")
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
        getDescription = "Why the workflow is or is not ready")
@AdditionalPrinterColumn(name = "Last", jsonPath = ".status.lastExecution.phase",
        getDescription = "Phase of the last execution")
@AdditionalPrinterColumn(name = "Success24h", jsonPath = ".status.successRate24h", type = AdditionalPrinterColumn.Type.NUMBER,
        getDescription = "Share of executions that succeeded over the last 24 hours")
@AdditionalPrinterColumn(name = "Revision", jsonPath = ".status.revision", priority = 1,
        getDescription = "Revision of the spec the runtime runs")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE, getDescription = "Time since creation")
public class Workflow extends CustomResource<WorkflowSpec, WorkflowStatus> implements Namespaced {

    @Override
    @JsonPropertyDescription("The workflow: its triggers, input and steps.")
    public WorkflowSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Validation, deployment and execution state of the workflow; written only by the operator.")
    public WorkflowStatus getStatus() {
        return super.getStatus();
    }
}
