package io.flowstack.operator.workflow;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.common.FieldError;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.crds.v1alpha1.workflow.WorkflowStatus;
import io.flowstack.crds.validation.FlowstackValidator;
import io.flowstack.crds.validation.Revisions;
import io.flowstack.crds.validation.ValidationContext;
import io.flowstack.operator.status.Conditions;
import io.flowstack.operator.tenant.TenantReconciler;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks each Workflow where it lives: in a tenant's namespace, valid by the shared validator against the Integrations
 * of that namespace. The result is its status: Valid with every error's field path, the revision it would run, and
 * Ready. Projection into the tenant's runtime is the next step of this controller (issue 5); until then Ready says so.
 */
@ControllerConfiguration(name = "workflow", fieldManager = TenantReconciler.FIELD_MANAGER)
public class WorkflowReconciler implements Reconciler<Workflow> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FlowstackValidator validator = new FlowstackValidator();
    private final Clock clock;

    @Inject
    public WorkflowReconciler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, Workflow>> prepareEventSources(EventSourceContext<Workflow> context) {
        // a Tenant appearing (or its namespace) and an Integration changing re-check the workflows of that namespace
        var tenants = InformerEventSourceConfiguration.from(Tenant.class, Workflow.class)
                .withSecondaryToPrimaryMapper(tenant -> context.getPrimaryCache()
                        .list(tenant.targetNamespace()).map(ResourceID::fromResource).collect(Collectors.toSet()))
                .build();
        var integrations = InformerEventSourceConfiguration.from(Integration.class, Workflow.class)
                .withSecondaryToPrimaryMapper(integration -> context.getPrimaryCache()
                        .list(integration.getMetadata().getNamespace()).map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                .build();
        return List.of(new InformerEventSource<>(tenants, context), new InformerEventSource<>(integrations, context));
    }

    @Override
    @SuppressWarnings("unchecked")
    public UpdateControl<Workflow> reconcile(Workflow workflow, Context<Workflow> context) {
        String namespace = workflow.getMetadata().getNamespace();
        long generation = workflow.getMetadata().getGeneration() == null ? 0 : workflow.getMetadata().getGeneration();
        WorkflowStatus status = new WorkflowStatus();
        status.observedGeneration = generation;
        List<Condition> conditions = new ArrayList<>();
        Optional<Tenant> tenant = TenantLookup.forNamespace(context, namespace);
        if (tenant.isEmpty()) {
            conditions.add(Conditions.of("Ready", false, "NotInTenantNamespace", "namespace " + namespace
                    + " belongs to no Tenant: create the Workflow in a tenant's namespace"));
        } else {
            InformerEventSource<Integration, Workflow> integrations = (InformerEventSource<Integration, Workflow>)
                    context.eventSourceRetriever().getEventSourceFor(Integration.class);
            Map<String, Integration> known = new LinkedHashMap<>();
            integrations.list(namespace, i -> true).forEach(i -> known.put(i.getMetadata().getName(), i));
            List<Workflow> siblings = context.getPrimaryCache().list(namespace).toList();
            ValidationContext validation = new ValidationContext() {
                @Override
                public Optional<Map<String, Integration>> integrations(String ns) {
                    return Optional.of(known);
                }

                @Override
                public List<Workflow> workflows(String ns) {
                    return siblings;
                }
            };
            List<FieldError> errors = validator.validate(workflow, validation);
            status.validationErrors = errors.isEmpty() ? null : errors;
            if (errors.isEmpty()) {
                status.revision = Revisions.of(workflow.getSpec());
                conditions.add(Conditions.of("Valid", true, "Valid", "the workflow passes validation"));
                conditions.add(Conditions.of("Ready", false, "NotDeployed",
                        "valid; projection into the runtime of tenant " + tenant.get().getMetadata().getName()
                                + " is not implemented by this operator version yet"));
            } else {
                conditions.add(Conditions.of("Valid", false, "InvalidSpec", errors.stream()
                        .map(e -> e.field + ": " + e.message).collect(Collectors.joining("; "))));
                conditions.add(Conditions.of("Ready", false, "InvalidSpec",
                        "fix the errors in status.validationErrors; nothing reaches the runtime meanwhile"));
            }
        }
        List<Condition> previous = workflow.getStatus() == null ? null : workflow.getStatus().conditions;
        status.conditions = Conditions.merge(previous, conditions, generation, clock.instant());
        if (workflow.getStatus() != null && JSON.valueToTree(workflow.getStatus()).equals(JSON.valueToTree(status))) {
            return UpdateControl.noUpdate();
        }
        Workflow patch = new Workflow();
        patch.setMetadata(new ObjectMetaBuilder().withName(workflow.getMetadata().getName())
                .withNamespace(namespace).build());
        patch.setStatus(status);
        return UpdateControl.patchStatus(patch);
    }
}
