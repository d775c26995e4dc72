package io.flowstack.operator.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.common.FieldError;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.crds.v1alpha1.workflow.WorkflowStatus;
import io.flowstack.crds.validation.FlowstackValidator;
import io.flowstack.crds.validation.ValidationContext;
import io.flowstack.operator.definitions.Admitted;
import io.flowstack.operator.definitions.Definition;
import io.flowstack.operator.definitions.DefinitionShards;
import io.flowstack.operator.runtimeapi.RuntimeApi;
import io.flowstack.operator.runtimeapi.WorkflowReport;
import io.flowstack.operator.status.Conditions;
import io.flowstack.operator.tenant.TenantReconciler;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Each Workflow's status, from three sources: the shared validator (Valid, with every error's field path, against
 * the Integrations of its namespace), the tenant's definitions ConfigMaps (Deployed: which revision is projected; an
 * invalid edit leaves the last valid one there), and the runtime's API (the revision it runs, the last execution,
 * the 24-hour success rate). Ready when the runtime runs the current revision. The Tenant reconciler projects; this
 * one only reports.
 */
@ControllerConfiguration(name = "workflow", fieldManager = TenantReconciler.FIELD_MANAGER)
public class WorkflowReconciler implements Reconciler<Workflow> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FlowstackValidator validator = new FlowstackValidator();
    private final Clock clock;
    private final RuntimeApi runtimeApi;
    private RuntimeStatusSource runtimeStatus;

    @Inject
    public WorkflowReconciler(Clock clock, RuntimeApi runtimeApi) {
        this.clock = clock;
        this.runtimeApi = runtimeApi;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<EventSource<?, Workflow>> prepareEventSources(EventSourceContext<Workflow> context) {
        // a Tenant appearing (or its namespace) and an Integration changing re-check the workflows of that namespace
        var tenantsConfig = InformerEventSourceConfiguration.from(Tenant.class, Workflow.class)
                .withItemStore(new TenantSummaries())
                .withSecondaryToPrimaryMapper(tenant -> context.getPrimaryCache()
                        .list(tenant.targetNamespace()).map(ResourceID::fromResource).collect(Collectors.toSet()))
                .build();
        var integrations = InformerEventSourceConfiguration.from(Integration.class, Workflow.class)
                .withSecondaryToPrimaryMapper(integration -> context.getPrimaryCache()
                        .list(integration.getMetadata().getNamespace()).map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                .build();
        // a definitions ConfigMap changing concerns the workflows projected in it
        var definitions = InformerEventSourceConfiguration.from(ConfigMap.class, Workflow.class)
                .withLabelSelector(DefinitionShards.SELECTOR)
                .withSecondaryToPrimaryMapper(WorkflowReconciler::workflowsIn)
                .build();
        InformerEventSource<Tenant, Workflow> tenants = new InformerEventSource<>(tenantsConfig, context);
        runtimeStatus = new RuntimeStatusSource(runtimeApi, context.getClient(), context.getPrimaryCache(),
                namespace -> tenants.list(t -> t.getSpec() != null && namespace.equals(t.targetNamespace())).findFirst(),
                clock);
        return List.of(tenants, new InformerEventSource<>(integrations, context),
                new InformerEventSource<>(definitions, context), runtimeStatus);
    }

    private static Set<ResourceID> workflowsIn(ConfigMap definitions) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        if (definitions.getData() != null) {
            keys.addAll(definitions.getData().keySet());
        }
        if (definitions.getMetadata().getAnnotations() != null
                && definitions.getMetadata().getAnnotations().containsKey(DefinitionShards.UNPLACED_ANNOTATION)) {
            keys.addAll(List.of(definitions.getMetadata().getAnnotations().get(DefinitionShards.UNPLACED_ANNOTATION)
                    .split(",")));
        }
        String prefix = Definition.WORKFLOW.toLowerCase(java.util.Locale.ROOT) + ".";
        return keys.stream().filter(k -> k.startsWith(prefix) && k.endsWith(".yaml"))
                .map(k -> new ResourceID(k.substring(prefix.length(), k.length() - ".yaml".length()),
                        definitions.getMetadata().getNamespace()))
                .collect(Collectors.toSet());
    }

    @Override
    @SuppressWarnings("unchecked")
    public UpdateControl<Workflow> reconcile(Workflow workflow, Context<Workflow> context) {
        String namespace = workflow.getMetadata().getNamespace();
        String name = workflow.getMetadata().getName();
        long generation = workflow.getMetadata().getGeneration() == null ? 0 : workflow.getMetadata().getGeneration();
        WorkflowStatus status = new WorkflowStatus();
        status.observedGeneration = generation;
        List<Condition> conditions = new ArrayList<>();
        Optional<Tenant> tenant = TenantLookup.forNamespace(context, namespace);
        if (tenant.isEmpty()) {
            conditions.add(Conditions.of("Ready", false, "NotInTenantNamespace", "namespace " + namespace
                    + " belongs to no Tenant: create the Workflow in a tenant's namespace"));
        } else {
            List<FieldError> errors = new ArrayList<>(validator.validate(workflow, validationContext(context, namespace)));
            errors.addAll(IntegrationReadiness.problems(workflow, integrations(context, namespace)));
            status.validationErrors = errors.isEmpty() ? null : errors;
            boolean valid = errors.isEmpty();
            String current = Admitted.revision(workflow);
            Optional<String> projected = projectedRevision(context, namespace, name);
            Optional<WorkflowReport> report = runtimeStatus.report(namespace, name);
            status.revision = report.map(WorkflowReport::revision).or(() -> projected).orElse(null);
            report.ifPresent(r -> copyActivity(r, status));
            conditions.add(valid ? Conditions.of("Valid", true, "Valid", "the workflow passes validation")
                    : Conditions.of("Valid", false, "InvalidSpec", errors.stream()
                    .map(e -> e.field + ": " + e.message).collect(Collectors.joining("; "))));
            conditions.add(deployed(valid, current, projected, workflow, unplaced(context, namespace, name)));
            conditions.add(ready(valid, current, projected, report, runtimeStatus.failure(namespace),
                    tenant.get().getMetadata().getName()));
        }
        List<Condition> previous = workflow.getStatus() == null ? null : workflow.getStatus().conditions;
        status.conditions = Conditions.merge(previous, conditions, generation, clock.instant());
        if (workflow.getStatus() != null && JSON.valueToTree(workflow.getStatus()).equals(JSON.valueToTree(status))) {
            return UpdateControl.noUpdate();
        }
        Workflow patch = new Workflow();
        patch.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        patch.setStatus(status);
        // cached at once: a reconcile that follows before the informer sees this write must not write it again
        PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(workflow, patch, context);
        return UpdateControl.noUpdate();
    }

    private static Condition deployed(boolean valid, String current, Optional<String> projected, Workflow workflow,
                                      boolean unplaced) {
        if (projected.isPresent() && projected.get().equals(current)) {
            return Conditions.of("Deployed", true, "Projected", "revision " + current
                    + " is in the runtime's definitions");
        }
        if (projected.isPresent() && !valid) {
            return Conditions.of("Deployed", true, "PreviousRevision", "the last valid revision " + projected.get()
                    + " stays deployed until the errors in status.validationErrors are fixed");
        }
        if (!valid) {
            return Conditions.of("Deployed", false, "InvalidSpec", "nothing reaches the runtime until the errors in"
                    + " status.validationErrors are fixed");
        }
        if (Admitted.yaml(workflow).length() > DefinitionShards.SHARD_BYTES) {
            return Conditions.of("Deployed", false, "TooLarge", "the workflow takes more than "
                    + DefinitionShards.SHARD_BYTES + " bytes, more than a definitions ConfigMap holds: split it");
        }
        if (unplaced) {
            return Conditions.of("Deployed", false, "NoRoom", "the tenant's definitions fill all "
                    + DefinitionShards.SHARDS + " definitions ConfigMaps (" + DefinitionShards.SHARD_BYTES / 1024
                    + " KiB each): remove or shrink workflows" + projected.map(p -> "; revision " + p + " still runs")
                    .orElse(""));
        }
        return Conditions.of("Deployed", false, "Projecting", projected.map(p -> "revision " + p
                + " runs until revision " + current + " is projected").orElse("revision " + current
                + " is being projected into the runtime's definitions"));
    }

    private static Condition ready(boolean valid, String current, Optional<String> projected,
                                   Optional<WorkflowReport> report, Optional<String> failure, String tenant) {
        if (!valid) {
            return Conditions.of("Ready", false, "InvalidSpec", report.map(r -> "the runtime runs revision "
                    + r.revision() + "; ").orElse("") + "fix the errors in status.validationErrors");
        }
        if (report.isPresent() && current.equals(report.get().revision())) {
            return report.get().suspended()
                    ? Conditions.of("Ready", true, "Suspended", "revision " + current + " is loaded; its triggers are"
                    + " suspended")
                    : Conditions.of("Ready", true, "Running", "the runtime of tenant " + tenant + " runs revision "
                    + current);
        }
        if (projected.isEmpty() || !projected.get().equals(current)) {
            return Conditions.of("Ready", false, "NotDeployed", "revision " + current
                    + " is not in the runtime's definitions yet");
        }
        if (failure.isPresent()) {
            return Conditions.of("Ready", false, "RuntimeUnreachable", failure.get());
        }
        return Conditions.of("Ready", false, "Loading", report.map(r -> "the runtime runs revision " + r.revision()
                + " and has not loaded revision " + current + " yet").orElse("waiting for the runtime of tenant "
                + tenant + " to report revision " + current));
    }

    private static void copyActivity(WorkflowReport report, WorkflowStatus status) {
        if (report.lastExecutionId() != null) {
            WorkflowStatus.ExecutionSummary last = new WorkflowStatus.ExecutionSummary();
            last.id = report.lastExecutionId();
            last.phase = report.lastExecutionPhase();
            last.startTime = report.lastExecutionStart();
            last.endTime = report.lastExecutionEnd();
            status.lastExecution = last;
        }
        status.successRate24h = report.successRate24h();
    }

    /** Whether the projection found no room for this workflow (the shards name it in an annotation). */
    @SuppressWarnings("unchecked")
    private static boolean unplaced(Context<Workflow> context, String namespace, String name) {
        String key = Definition.key(Definition.WORKFLOW, name);
        InformerEventSource<ConfigMap, Workflow> shards = (InformerEventSource<ConfigMap, Workflow>)
                context.eventSourceRetriever().getEventSourceFor(ConfigMap.class);
        return shards.list(namespace, cm -> cm.getMetadata().getAnnotations() != null
                && List.of(cm.getMetadata().getAnnotations().getOrDefault(DefinitionShards.UNPLACED_ANNOTATION, "")
                .split(",")).contains(key)).findAny().isPresent();
    }

    /** The revision of the workflow in the tenant's definitions ConfigMaps, if it is there. */
    @SuppressWarnings("unchecked")
    private static Optional<String> projectedRevision(Context<Workflow> context, String namespace, String name) {
        String key = Definition.key(Definition.WORKFLOW, name);
        InformerEventSource<ConfigMap, Workflow> shards = (InformerEventSource<ConfigMap, Workflow>)
                context.eventSourceRetriever().getEventSourceFor(ConfigMap.class);
        Optional<String> yaml = shards.list(namespace, cm -> cm.getData() != null && cm.getData().containsKey(key))
                .map(cm -> cm.getData().get(key)).findFirst();
        if (yaml.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(io.flowstack.crds.validation.Revisions.of(Admitted.workflowFromYaml(yaml.get()).getSpec()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Integration> integrations(Context<Workflow> context, String namespace) {
        InformerEventSource<Integration, Workflow> integrations = (InformerEventSource<Integration, Workflow>)
                context.eventSourceRetriever().getEventSourceFor(Integration.class);
        Map<String, Integration> known = new LinkedHashMap<>();
        integrations.list(namespace, i -> true).forEach(i -> known.put(i.getMetadata().getName(), i));
        return known;
    }

    private static ValidationContext validationContext(Context<Workflow> context, String namespace) {
        Map<String, Integration> known = integrations(context, namespace);
        List<Workflow> siblings = context.getPrimaryCache().list(namespace).toList();
        return new ValidationContext() {
            @Override
            public Optional<Map<String, Integration>> integrations(String ns) {
                return Optional.of(known);
            }

            @Override
            public List<Workflow> workflows(String ns) {
                return siblings;
            }
        };
    }
}
