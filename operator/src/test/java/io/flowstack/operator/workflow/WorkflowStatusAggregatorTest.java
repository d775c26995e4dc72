package io.flowstack.operator.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.flowstack.contract.ExecutionStatus;
import io.flowstack.contract.api.ExecutionSummary;
import io.flowstack.contract.api.WorkflowState;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.common.FieldError;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.crds.v1alpha1.workflow.WorkflowStatus;
import io.flowstack.operator.common.Conditions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Valid, Deployed and Ready of a Workflow from what its reconcile observed, one case each. */
class WorkflowStatusAggregatorTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final List<FieldError> NONE = List.of();
    private final Workflow workflow = workflow();

    private static Workflow workflow() {
        Workflow workflow = new Workflow();
        workflow.setMetadata(new ObjectMetaBuilder().withName("flow").withNamespace("tenant-acme").withGeneration(4L)
                .build());
        return workflow;
    }

    private WorkflowStatus aggregate(List<FieldError> errors, Optional<String> projected, Optional<WorkflowState> report,
                                     Optional<String> unreachable, boolean tooLarge, boolean unplaced) {
        return WorkflowStatusAggregator.aggregate(workflow, new WorkflowStatusAggregator.Observation(Optional.of("acme"),
                errors, "r2", projected, report, unreachable, false, tooLarge, unplaced), NOW);
    }

    private static Condition condition(WorkflowStatus status, String type) {
        return Conditions.find(status.conditions, type).orElseThrow();
    }

    private static WorkflowState running(String revision) {
        return new WorkflowState("flow", revision, false, new ExecutionSummary("e-1", ExecutionStatus.succeeded,
                "2026-12-01T11:00:00Z", "2026-12-01T11:00:02Z"), 0.5);
    }

    @Test
    void outsideATenantNamespaceOnlyReadySaysWhy() {
        WorkflowStatus status = WorkflowStatusAggregator.aggregate(workflow, new WorkflowStatusAggregator.Observation(
                Optional.empty(), NONE, "", Optional.empty(), Optional.empty(), Optional.empty(), false, false, false),
                NOW);
        assertThat(status.conditions).extracting(c -> c.type + "/" + c.reason)
                .containsExactly("Ready/NotInTenantNamespace");
        assertThat(status.observedGeneration).isEqualTo(4L);
    }

    @Test
    void theRuntimeRunningTheCurrentRevisionIsReadyWithItsActivity() {
        WorkflowStatus status = aggregate(NONE, Optional.of("r2"), Optional.of(running("r2")), Optional.empty(), false,
                false);
        assertThat(condition(status, "Valid").reason).isEqualTo("Valid");
        assertThat(condition(status, "Deployed").reason).isEqualTo("Projected");
        assertThat(condition(status, "Ready").reason).isEqualTo("Running");
        assertThat(status.revision).isEqualTo("r2");
        assertThat(status.lastExecution.phase).isEqualTo("succeeded");
        assertThat(status.successRate24h).isEqualTo(0.5);
    }

    @Test
    void anInvalidEditKeepsThePreviousRevisionAndListsItsErrors() {
        WorkflowStatus status = aggregate(List.of(new FieldError("spec.steps[0].needs[0]", "unknown step")),
                Optional.of("r1"), Optional.of(running("r1")), Optional.empty(), false, false);
        assertThat(status.validationErrors).extracting(e -> e.field).containsExactly("spec.steps[0].needs[0]");
        assertThat(condition(status, "Deployed").reason).isEqualTo("PreviousRevision");
        assertThat(condition(status, "Ready").reason).isEqualTo("InvalidSpec");
        assertThat(condition(status, "Ready").message).startsWith("the runtime runs revision r1");
    }

    @Test
    void progressAndProblemsOfTheProjectionAndTheRuntimeEachHaveTheirReason() {
        assertThat(condition(aggregate(NONE, Optional.of("r1"), Optional.empty(), Optional.empty(), false, false),
                "Deployed").reason).isEqualTo("Projecting");
        assertThat(condition(aggregate(NONE, Optional.empty(), Optional.empty(), Optional.empty(), true, false),
                "Deployed").reason).isEqualTo("TooLarge");
        assertThat(condition(aggregate(NONE, Optional.empty(), Optional.empty(), Optional.empty(), false, true),
                "Deployed").reason).isEqualTo("NoRoom");
        assertThat(condition(aggregate(NONE, Optional.of("r2"), Optional.of(running("r1")), Optional.empty(), false,
                false), "Ready").reason).isEqualTo("Loading");
        assertThat(condition(aggregate(NONE, Optional.of("r2"), Optional.empty(), Optional.of("unreachable"), false,
                false), "Ready").reason).isEqualTo("RuntimeUnreachable");
        assertThat(condition(aggregate(NONE, Optional.empty(), Optional.empty(), Optional.empty(), false, false),
                "Ready").reason).isEqualTo("NotDeployed");
    }

    @Test
    void aRuntimeInMaintenanceModeIsNotAProblem() {
        WorkflowStatus status = WorkflowStatusAggregator.aggregate(workflow, new WorkflowStatusAggregator.Observation(
                Optional.of("acme"), NONE, "r2", Optional.of("r2"), Optional.of(running("r2")),
                Optional.of("GET /api/workflows answered 503"), true, false, false), NOW);
        Condition ready = condition(status, "Ready");
        assertThat(String.valueOf(ready.status)).isEqualTo("False");
        assertThat(ready.reason).isEqualTo("Maintenance");
        assertThat(ready.message).contains("maintenance mode");
        assertThat(WorkflowReason.Maintenance.problem()).as("no Warning event").isFalse();
    }
}
