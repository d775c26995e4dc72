package io.flowstack.operator.workflow;

import io.flowstack.contract.api.WorkflowState;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.common.FieldError;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.crds.v1alpha1.workflow.WorkflowStatus;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.definitions.DefinitionShards;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A Workflow's status from what its reconcile observed: Valid (the shared validator, with field paths), Deployed
 * (which revision the definitions ConfigMaps hold) and Ready (the runtime runs the current revision), plus the
 * runtime's report of its activity.
 */
public final class WorkflowStatusAggregator {
    public static final String VALID = "Valid";
    public static final String DEPLOYED = "Deployed";
    public static final String READY = "Ready";

    /**
     * @param tenant      the Tenant owning the namespace, if any
     * @param errors      validation errors (field paths)
     * @param current     the revision of the Workflow's spec now
     * @param projected   the revision in the definitions ConfigMaps, if any
     * @param report      what the runtime says of the workflow, if it was reached
     * @param unreachable why the runtime could not be asked lately, if it could not
     * @param maintenance whether the runtime answered that it is in maintenance mode
     * @param tooLarge    whether the workflow fits in no definitions ConfigMap
     * @param unplaced    whether the projection found no room for it
     */
    public record Observation(Optional<String> tenant, List<FieldError> errors, String current,
                              Optional<String> projected, Optional<WorkflowState> report, Optional<String> unreachable,
                              boolean maintenance, boolean tooLarge, boolean unplaced) {
        boolean valid() {
            return errors.isEmpty();
        }
    }

    private WorkflowStatusAggregator() {
    }

    public static WorkflowStatus aggregate(Workflow workflow, Observation observed, Instant now) {
        long generation = workflow.getMetadata().getGeneration() == null ? 0 : workflow.getMetadata().getGeneration();
        WorkflowStatus status = new WorkflowStatus();
        status.observedGeneration = generation;
        List<Condition> conditions = new ArrayList<>();
        if (observed.tenant().isEmpty()) {
            conditions.add(Conditions.of(READY, false, WorkflowReason.NotInTenantNamespace, "namespace "
                    + workflow.getMetadata().getNamespace() + " belongs to no Tenant: create the Workflow in a tenant's"
                    + " namespace"));
        } else {
            status.validationErrors = observed.valid() ? null : observed.errors();
            status.revision = observed.report().map(WorkflowState::revision).or(observed::projected).orElse(null);
            observed.report().ifPresent(r -> copyActivity(r, status));
            conditions.add(observed.valid() ? Conditions.of(VALID, true, WorkflowReason.Valid, "the workflow passes"
                    + " validation") : Conditions.of(VALID, false, WorkflowReason.InvalidSpec, observed.errors().stream()
                    .map(e -> e.field + ": " + e.message).collect(Collectors.joining("; "))));
            conditions.add(deployed(observed));
            conditions.add(ready(observed));
        }
        List<Condition> previous = workflow.getStatus() == null ? null : workflow.getStatus().conditions;
        status.conditions = Conditions.merge(previous, conditions, generation, now);
        return status;
    }

    private static Condition deployed(Observation o) {
        String current = o.current();
        if (o.projected().isPresent() && o.projected().get().equals(current)) {
            return Conditions.of(DEPLOYED, true, WorkflowReason.Projected, "revision " + current
                    + " is in the runtime's definitions");
        }
        if (o.projected().isPresent() && !o.valid()) {
            return Conditions.of(DEPLOYED, true, WorkflowReason.PreviousRevision, "the last valid revision "
                    + o.projected().get() + " stays deployed until the errors in status.validationErrors are fixed");
        }
        if (!o.valid()) {
            return Conditions.of(DEPLOYED, false, WorkflowReason.InvalidSpec, "nothing reaches the runtime until the"
                    + " errors in status.validationErrors are fixed");
        }
        if (o.tooLarge()) {
            return Conditions.of(DEPLOYED, false, WorkflowReason.TooLarge, "the workflow takes more than "
                    + DefinitionShards.SHARD_BYTES + " bytes, more than a definitions ConfigMap holds: split it");
        }
        if (o.unplaced()) {
            return Conditions.of(DEPLOYED, false, WorkflowReason.NoRoom, "the tenant's definitions fill all "
                    + DefinitionShards.SHARDS + " definitions ConfigMaps (" + DefinitionShards.SHARD_BYTES / 1024
                    + " KiB each): remove or shrink workflows" + o.projected().map(p -> "; revision " + p
                    + " still runs").orElse(""));
        }
        return Conditions.of(DEPLOYED, false, WorkflowReason.Projecting, o.projected().map(p -> "revision " + p
                + " runs until revision " + current + " is projected").orElse("revision " + current
                + " is being projected into the runtime's definitions"));
    }

    private static Condition ready(Observation o) {
        String current = o.current();
        String tenant = o.tenant().orElseThrow();
        if (!o.valid()) {
            return Conditions.of(READY, false, WorkflowReason.InvalidSpec, o.report().map(r -> "the runtime runs"
                    + " revision " + r.revision() + "; ").orElse("") + "fix the errors in status.validationErrors");
        }
        if (o.maintenance()) {
            return Conditions.of(READY, false, WorkflowReason.Maintenance, "the runtime of tenant " + tenant
                    + " is in maintenance mode (spec.runtime.suspend with suspendMode Maintenance): nothing runs and"
                    + " its API and webhooks answer 503 until it ends");
        }
        if (o.report().isPresent() && current.equals(o.report().get().revision())) {
            return o.report().get().suspended()
                    ? Conditions.of(READY, true, WorkflowReason.Suspended, "revision " + current + " is loaded; its"
                    + " triggers are suspended")
                    : Conditions.of(READY, true, WorkflowReason.Running, "the runtime of tenant " + tenant
                    + " runs revision " + current);
        }
        if (o.projected().isEmpty() || !o.projected().get().equals(current)) {
            return Conditions.of(READY, false, WorkflowReason.NotDeployed, "revision " + current
                    + " is not in the runtime's definitions yet");
        }
        if (o.unreachable().isPresent()) {
            return Conditions.of(READY, false, WorkflowReason.RuntimeUnreachable, o.unreachable().get());
        }
        return Conditions.of(READY, false, WorkflowReason.Loading, o.report().map(r -> "the runtime runs revision "
                + r.revision() + " and has not loaded revision " + current + " yet").orElse("waiting for the runtime"
                + " of tenant " + tenant + " to report revision " + current));
    }

    private static void copyActivity(WorkflowState report, WorkflowStatus status) {
        if (report.lastExecution() != null) {
            WorkflowStatus.ExecutionSummary last = new WorkflowStatus.ExecutionSummary();
            last.id = report.lastExecution().id();
            last.phase = report.lastExecution().phase() == null ? null : report.lastExecution().phase().name();
            last.startTime = report.lastExecution().startTime();
            last.endTime = report.lastExecution().endTime();
            status.lastExecution = last;
        }
        status.successRate24h = report.successRate24h();
    }
}
