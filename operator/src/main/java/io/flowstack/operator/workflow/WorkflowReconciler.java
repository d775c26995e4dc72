package io.flowstack.operator.workflow;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.flowstack.crds.v1alpha1.common.FieldError;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.crds.v1alpha1.workflow.WorkflowStatus;
import io.flowstack.crds.validation.FlowstackValidator;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.common.StatusWriter;
import io.flowstack.operator.common.TenantLookup;
import io.flowstack.operator.common.TenantEventSource;
import io.flowstack.operator.common.TenantRelay;
import io.flowstack.operator.common.WarningEvents;
import io.flowstack.operator.definitions.Admitted;
import io.flowstack.operator.definitions.DefinitionShards;
import io.flowstack.operator.runtimeapi.RuntimeApi;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Each Workflow's status, from three sources: the shared validator (Valid, with every error's field path, against
 * the Integrations of its namespace), the tenant's definitions ConfigMaps (Deployed: which revision is projected; an
 * invalid edit leaves the last valid one there), and the runtime's API (the revision it runs, the last execution,
 * the 24-hour success rate). Ready when the runtime runs the current revision. The Tenant reconciler projects; this
 * one only reports ({@link WorkflowStatusAggregator}), with a Warning event for each new problem.
 */
@ControllerConfiguration(name = "workflow", fieldManager = OperatorSettings.FIELD_MANAGER)
public class WorkflowReconciler implements Reconciler<Workflow> {
    private final FlowstackValidator validator = new FlowstackValidator();
    private final WarningEvents events = new WarningEvents(WorkflowReason.values());
    private final Clock clock;
    private final TenantRelay tenants;
    private final RuntimeApi runtimeApi;
    private RuntimeStatusSource runtimeStatus;

    @Inject
    public WorkflowReconciler(Clock clock, RuntimeApi runtimeApi, TenantRelay tenants) {
        this.clock = clock;
        this.tenants = tenants;
        this.runtimeApi = runtimeApi;
    }

    @Override
    public List<EventSource<?, Workflow>> prepareEventSources(EventSourceContext<Workflow> context) {
        // a Tenant appearing (or its namespace) and an Integration changing re-check the workflows of that namespace
        var integrations = InformerEventSourceConfiguration.from(Integration.class, Workflow.class)
                .withSecondaryToPrimaryMapper(integration -> context.getPrimaryCache()
                        .list(integration.getMetadata().getNamespace()).map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                .build();
        // a definitions ConfigMap changing concerns the workflows projected in it
        var definitions = InformerEventSourceConfiguration.from(ConfigMap.class, Workflow.class)
                .withLabelSelector(DefinitionShards.SELECTOR)
                .withSecondaryToPrimaryMapper(WorkflowCaches::workflowsIn)
                .build();
        TenantEventSource<Workflow> tenantEvents = new TenantEventSource<>(context, tenants);
        runtimeStatus = new RuntimeStatusSource(runtimeApi, context.getClient(), context.getPrimaryCache(),
                tenantEvents::forNamespace, clock);
        return List.of(tenantEvents, new InformerEventSource<>(integrations, context),
                new InformerEventSource<>(definitions, context), runtimeStatus);
    }

    @Override
    public UpdateControl<Workflow> reconcile(Workflow workflow, Context<Workflow> context) {
        Instant now = clock.instant();
        WorkflowStatus status = WorkflowStatusAggregator.aggregate(workflow, observe(workflow, context), now);
        events.reportNew(context.getClient(), workflow, List.of(WorkflowStatusAggregator.READY,
                        WorkflowStatusAggregator.DEPLOYED), workflow.getStatus() == null ? null
                        : workflow.getStatus().conditions, status.conditions, now);
        StatusWriter.writeIfChanged(workflow, status, context, Workflow::new);
        return UpdateControl.noUpdate();
    }

    private WorkflowStatusAggregator.Observation observe(Workflow workflow, Context<Workflow> context) {
        String namespace = workflow.getMetadata().getNamespace();
        String name = workflow.getMetadata().getName();
        Optional<Tenant> tenant = TenantLookup.forNamespace(context, namespace);
        if (tenant.isEmpty()) {
            return new WorkflowStatusAggregator.Observation(Optional.empty(), List.of(), "", Optional.empty(),
                    Optional.empty(), Optional.empty(), false, false, false);
        }
        List<FieldError> errors = new ArrayList<>(validator.validate(workflow,
                WorkflowCaches.validationContext(context, namespace)));
        errors.addAll(IntegrationReadiness.problems(workflow, WorkflowCaches.integrations(context, namespace)));
        String current = Admitted.revision(workflow);
        Optional<String> projected = WorkflowCaches.projectedRevision(context, namespace, name);
        // sized only when it matters: valid and not projected as it is
        boolean tooLarge = errors.isEmpty() && !projected.equals(Optional.of(current))
                && Admitted.yaml(workflow).length() > DefinitionShards.SHARD_BYTES;
        return new WorkflowStatusAggregator.Observation(Optional.of(tenant.get().getMetadata().getName()), errors,
                current, projected, runtimeStatus.report(namespace, name), runtimeStatus.failure(namespace),
                runtimeStatus.inMaintenance(namespace), tooLarge,
                WorkflowCaches.unplaced(context, namespace, name));
    }
}
