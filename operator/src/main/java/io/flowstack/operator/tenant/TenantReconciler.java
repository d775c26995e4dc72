package io.flowstack.operator.tenant;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.common.FieldError;
import io.flowstack.crds.v1alpha1.tenant.DatabaseMode;
import io.flowstack.crds.v1alpha1.tenant.DeletionPolicy;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.tenant.TenantStatus;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.operator.OperatorSettings;
import io.flowstack.operator.definitions.DefinitionShards;
import io.flowstack.operator.definitions.DefinitionsProjector;
import io.flowstack.operator.definitions.ProjectionRelevance;
import io.flowstack.operator.metrics.TenantMetrics;
import io.flowstack.operator.status.Conditions;
import io.flowstack.operator.tenant.dependents.DatabaseSecretDependent;
import io.flowstack.operator.tenant.dependents.DatabaseServiceDependent;
import io.flowstack.operator.tenant.dependents.DatabaseStatefulSetDependent;
import io.flowstack.operator.tenant.dependents.KeysSecretDependent;
import io.flowstack.operator.tenant.dependents.LimitRangeDependent;
import io.flowstack.operator.tenant.dependents.ManagedDatabaseCondition;
import io.flowstack.operator.tenant.dependents.NamespaceDependent;
import io.flowstack.operator.tenant.dependents.NetworkPolicyDependent;
import io.flowstack.operator.tenant.dependents.OwnersRoleBindingDependent;
import io.flowstack.operator.tenant.dependents.QuotaDependent;
import io.flowstack.operator.tenant.dependents.RuntimeDeploymentDependent;
import io.flowstack.operator.tenant.dependents.RuntimePdbDependent;
import io.flowstack.operator.tenant.dependents.RuntimeServiceAccountDependent;
import io.flowstack.operator.tenant.dependents.RuntimeServiceDependent;
import io.flowstack.operator.tenant.dependents.Secondaries;
import io.flowstack.operator.tenant.database.DatabaseResolver;
import io.flowstack.operator.tenant.database.SharedDatabases;
import io.flowstack.operator.tenant.desired.DatabaseEndpoint;
import io.flowstack.operator.tenant.desired.SecretValues;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Turns a Tenant into its stack. Checks that need the cluster (namespace ownership, referenced Secrets) and the shared
 * validator run first; only a Tenant that passes them has its dependents reconciled, so a bad spec never leaves a
 * half-made stack. Problems a user can fix become Ready=False with a typed reason, are logged and recorded as an event
 * once when they appear, and are retried with a growing interval.
 */
// not generation-aware: annotations (flowstack.io/rotate-secrets) change no generation but must be acted upon;
// TenantUpdateFilter keeps the operator's own status writes from triggering reconciles.
// Dependents of one kind share one informer (useEventSourceWithName): one watch and one cache of the tenants' Secrets
// and of their Services, not one per dependent; each dependent finds its own object by name (TenantDependent).
@ControllerConfiguration(name = "tenant", fieldManager = TenantReconciler.FIELD_MANAGER,
        generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = TenantUpdateFilter.class))
@Workflow(explicitInvocation = true, dependents = {
        @Dependent(name = "namespace", type = NamespaceDependent.class),
        @Dependent(name = "quota", type = QuotaDependent.class, dependsOn = "namespace",
                reconcilePrecondition = QuotaDependent.Enabled.class),
        @Dependent(name = "limits", type = LimitRangeDependent.class, dependsOn = "namespace",
                reconcilePrecondition = LimitRangeDependent.Enabled.class),
        @Dependent(name = "network-policy", type = NetworkPolicyDependent.class, dependsOn = "namespace"),
        @Dependent(name = "runtime-service-account", type = RuntimeServiceAccountDependent.class, dependsOn = "namespace"),
        @Dependent(name = "owners-binding", type = OwnersRoleBindingDependent.class, dependsOn = "namespace",
                reconcilePrecondition = OwnersRoleBindingDependent.Enabled.class),
        @Dependent(name = "keys-secret", type = KeysSecretDependent.class, dependsOn = "namespace"),
        @Dependent(name = "database-secret", type = DatabaseSecretDependent.class, dependsOn = "namespace",
                useEventSourceWithName = "keys-secret"),
        @Dependent(name = "database-service", type = DatabaseServiceDependent.class, dependsOn = "namespace",
                reconcilePrecondition = ManagedDatabaseCondition.class),
        @Dependent(name = "database", type = DatabaseStatefulSetDependent.class,
                dependsOn = {"database-secret", "database-service"},
                reconcilePrecondition = ManagedDatabaseCondition.class,
                readyPostcondition = DatabaseStatefulSetDependent.Ready.class),
        @Dependent(name = "runtime-service", type = RuntimeServiceDependent.class, dependsOn = "namespace",
                useEventSourceWithName = "database-service"),
        @Dependent(name = "runtime-pdb", type = RuntimePdbDependent.class, dependsOn = "namespace"),
        @Dependent(name = "runtime", type = RuntimeDeploymentDependent.class,
                dependsOn = {"keys-secret", "database-secret", "runtime-service-account"},
                readyPostcondition = RuntimeDeploymentDependent.Ready.class)
})
public class TenantReconciler implements Reconciler<Tenant>, Cleaner<Tenant> {
    /** The field manager of every write, so server-side apply tells the operator's fields from anyone else's. */
    public static final String FIELD_MANAGER = "flowstack-operator";
    private static final Logger LOG = Logger.getLogger(TenantReconciler.class);
    static final Duration MIN_RETRY = Duration.ofSeconds(10);
    static final Duration MAX_RETRY = Duration.ofMinutes(10);

    private final OperatorSettings settings;
    private final SecretValues secretValues;
    private final Clock clock;
    private final SpecCheck specCheck = new SpecCheck();
    private final DatabaseResolver databases;
    private final TenantEvents events = new TenantEvents();
    private final StatusPacing pacing = new StatusPacing();
    private final DefinitionsProjector projector = new DefinitionsProjector(FIELD_MANAGER);

    private final TenantMetrics metrics;

    @Inject
    public TenantReconciler(OperatorSettings settings, SecretValues secretValues, Clock clock, TenantMetrics metrics) {
        this.settings = settings;
        this.secretValues = secretValues;
        this.clock = clock;
        this.metrics = metrics;
        this.databases = new DatabaseResolver(new SharedDatabases());
    }

    @Override
    public UpdateControl<Tenant> reconcile(Tenant tenant, Context<Tenant> context) {
        metrics.observe(context.getPrimaryCache());
        var workflowContext = context.managedWorkflowAndDependentResourceContext();
        workflowContext.put(OperatorSettings.CONTEXT_KEY, settings);
        workflowContext.put(SecretValues.class.getName(), secretValues);

        Optional<TenantProblem> problem = preflight(tenant, context);
        if (problem.isEmpty()) {
            DefinitionsProjector.Planned definitions = projector.plan(tenant, context);
            workflowContext.put(DefinitionsProjector.CREDENTIALS_CONTEXT_KEY, definitions.projection().credentials());
            workflowContext.reconcileManagedWorkflow().throwAggregateExceptionIfErrorsPresent();
            // the namespace exists now: the runtime's definitions follow the tenant's Workflows and Integrations
            projector.apply(tenant, definitions, context.getClient());
        }
        TenantStatusAggregator.Observation observation = new TenantStatusAggregator.Observation(problem,
                problem.isPresent() ? Optional.empty() : Secondaries.find(context, StatefulSet.class, "database",
                        new ResourceID(TenantNames.DATABASE, tenant.targetNamespace())),
                problem.isPresent() ? Optional.empty() : Secondaries.find(context, Deployment.class, "runtime",
                        new ResourceID(TenantNames.RUNTIME, tenant.targetNamespace())));
        Instant now = clock.instant();
        TenantStatus status = TenantStatusAggregator.aggregate(tenant, observation, settings, now);
        reportTransition(tenant, status, context);

        UpdateControl<Tenant> control;
        StatusPacing.Pace pace = pacing.decide(tenant, status, now);
        if (pace.write()) {
            Tenant patch = new Tenant();
            patch.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                    .withName(tenant.getMetadata().getName()).build());
            patch.setStatus(status);
            // written and cached at once, so the next reconcile (a secondary's event may already be queued) starts
            // from this status and not from the informer's older copy, which would write it again with new times
            PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(tenant, patch, context);
            control = UpdateControl.noUpdate();
            pacing.written(tenant, now);
        } else if (pace.retryAfter() != null) {
            // coming up: the status waits (see StatusPacing); look again when it is due
            return UpdateControl.<Tenant>noUpdate().rescheduleAfter(pace.retryAfter());
        } else {
            control = UpdateControl.noUpdate();
        }
        problem.ifPresent(p -> control.rescheduleAfter(retryDelay(status, now)));
        return control;
    }

    /**
     * The namespace's Workflows and Integrations (only changes that matter to the projection: spec, validity,
     * deletion) and the definitions ConfigMaps each lead to the Tenant owning the namespace.
     */
    @Override
    public List<EventSource<?, Tenant>> prepareEventSources(EventSourceContext<Tenant> context) {
        var workflows = InformerEventSourceConfiguration.from(io.flowstack.crds.v1alpha1.workflow.Workflow.class,
                        Tenant.class)
                .withSecondaryToPrimaryMapper(w -> owningTenants(context, w.getMetadata().getNamespace()))
                .withOnUpdateFilter((next, previous) -> ProjectionRelevance.changed(next, next.getStatus(), previous,
                        previous.getStatus()))
                .build();
        var integrations = InformerEventSourceConfiguration.from(Integration.class, Tenant.class)
                .withSecondaryToPrimaryMapper(i -> owningTenants(context, i.getMetadata().getNamespace()))
                .withOnUpdateFilter((next, previous) -> ProjectionRelevance.changed(next, next.getStatus(), previous,
                        previous.getStatus()))
                .build();
        var definitions = InformerEventSourceConfiguration.from(ConfigMap.class, Tenant.class)
                .withLabelSelector(DefinitionShards.SELECTOR)
                .withSecondaryToPrimaryMapper(cm -> {
                    String tenant = cm.getMetadata().getLabels() == null ? null
                            : cm.getMetadata().getLabels().get(TenantLabels.TENANT);
                    return tenant == null ? Set.of() : Set.of(new ResourceID(tenant));
                })
                .build();
        return List.of(new InformerEventSource<>(workflows, context), new InformerEventSource<>(integrations, context),
                new InformerEventSource<>(definitions, context));
    }

    private static Set<ResourceID> owningTenants(EventSourceContext<Tenant> context, String namespace) {
        return context.getPrimaryCache().list(t -> t.getSpec() != null && namespace.equals(t.targetNamespace()))
                .map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    /** Waits as long as the problem has lasted, between 10 seconds and 10 minutes: a backoff that survives restarts. */
    static Duration retryDelay(TenantStatus status, Instant now) {
        Duration lasted = Conditions.find(status.conditions, TenantStatusAggregator.DEGRADED)
                .map(c -> Duration.between(Instant.parse(c.lastTransitionTime), now))
                .orElse(Duration.ZERO);
        if (lasted.compareTo(MIN_RETRY) < 0) {
            return MIN_RETRY;
        }
        return lasted.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : lasted;
    }

    private Optional<TenantProblem> preflight(Tenant tenant, Context<Tenant> context) {
        List<FieldError> errors = specCheck.errors(tenant);
        if (!errors.isEmpty()) {
            return Optional.of(new TenantProblem(TenantProblem.Reason.InvalidSpec, errors.stream()
                    .map(e -> e.field + ": " + e.message).collect(Collectors.joining("; "))));
        }
        Optional<TenantProblem> conflict = namespaceConflict(tenant, context);
        if (conflict.isPresent()) {
            return conflict;
        }
        Optional<Secret> credentials = Secondaries.find(context, Secret.class, "keys-secret",
                new ResourceID(TenantNames.DATABASE_SECRET, tenant.targetNamespace()));
        DatabaseResolver.Resolution database = databases.resolve(tenant, context.getClient(), settings, credentials,
                secretValues);
        var workflowContext = context.managedWorkflowAndDependentResourceContext();
        database.endpoint().ifPresent(endpoint -> workflowContext.put(DatabaseEndpoint.CONTEXT_KEY, endpoint));
        database.password().ifPresent(password -> workflowContext.put(DatabaseEndpoint.PASSWORD_CONTEXT_KEY, password));
        return database.problem();
    }

    /** A namespace that exists and was not made by this operator for this tenant is never adopted. */
    private Optional<TenantProblem> namespaceConflict(Tenant tenant, Context<Tenant> context) {
        String name = tenant.targetNamespace();
        Namespace namespace = Secondaries.find(context, Namespace.class, "namespace", new ResourceID(name))
                .orElseGet(() -> context.getClient().namespaces().withName(name).get());
        if (namespace == null || isOwnedBy(namespace, tenant)) {
            return Optional.empty();
        }
        Map<String, String> labels = namespace.getMetadata().getLabels();
        String other = labels == null ? null : labels.get(TenantLabels.TENANT);
        return Optional.of(new TenantProblem(TenantProblem.Reason.NamespaceConflict, "namespace " + name
                + " already exists and " + (other != null ? "belongs to tenant " + other : "was not created by Flowstack")
                + ": set spec.namespace to a namespace that does not exist yet"));
    }

    private static boolean isOwnedBy(HasMetadata resource, Tenant tenant) {
        List<OwnerReference> owners = resource.getMetadata().getOwnerReferences();
        if (owners != null && owners.stream().anyMatch(o -> Objects.equals(o.getUid(), tenant.getMetadata().getUid()))) {
            return true;
        }
        Map<String, String> labels = resource.getMetadata().getLabels();
        return labels != null && TenantLabels.MANAGED_BY_VALUE.equals(labels.get(TenantLabels.MANAGED_BY))
                && tenant.getMetadata().getName().equals(labels.get(TenantLabels.TENANT))
                && (owners == null || owners.isEmpty());
    }

    /** Logs and records an event once, when the Degraded condition turns on or its reason changes. */
    private void reportTransition(Tenant tenant, TenantStatus status, Context<Tenant> context) {
        Optional<Condition> now = Conditions.find(status.conditions, TenantStatusAggregator.DEGRADED);
        Optional<Condition> before = Conditions.find(tenant.getStatus() == null ? null : tenant.getStatus().conditions,
                TenantStatusAggregator.DEGRADED);
        boolean degraded = now.map(c -> c.status == io.flowstack.crds.v1alpha1.common.ConditionStatus.True).orElse(false);
        boolean changed = before.isEmpty() || before.get().status != now.get().status
                || !Objects.equals(before.get().reason, now.get().reason);
        if (degraded && changed) {
            LOG.warnf("tenant %s: %s: %s", tenant.getMetadata().getName(), now.get().reason, now.get().message);
            events.warning(context.getClient(), tenant, now.get().reason, now.get().message, clock.instant());
        } else if (!degraded && before.isPresent() && before.get().status == io.flowstack.crds.v1alpha1.common.ConditionStatus.True) {
            LOG.infof("tenant %s: recovered", tenant.getMetadata().getName());
        }
    }

    @Override
    public DeleteControl cleanup(Tenant tenant, Context<Tenant> context) {
        pacing.forget(tenant);
        specCheck.forget(tenant);
        if (tenant.getSpec() != null && tenant.getSpec().deletionPolicy == DeletionPolicy.Delete) {
            if (tenant.getSpec().database != null && tenant.getSpec().database.mode == DatabaseMode.Shared) {
                try {
                    databases.dropShared(tenant, context.getClient(), settings);
                } catch (SharedDatabases.UnreachableException e) {
                    LOG.warnf("tenant %s: cannot drop its shared database yet, retrying: %s",
                            tenant.getMetadata().getName(), e.getMessage());
                    return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(30));
                }
            }
            return DeleteControl.defaultDelete();
        }
        // Retain: orphan the namespace and the Secrets, so garbage collection leaves them and the volumes behind
        String namespace = tenant.targetNamespace();
        var client = context.getClient();
        Orphaning.release(client.namespaces().withName(namespace), tenant);
        for (String secret : List.of(TenantNames.KEYS_SECRET, TenantNames.DATABASE_SECRET)) {
            Orphaning.release(client.secrets().inNamespace(namespace).withName(secret), tenant);
        }
        LOG.infof("tenant %s deleted with deletionPolicy Retain: namespace %s and its data are kept",
                tenant.getMetadata().getName(), namespace);
        return DeleteControl.defaultDelete();
    }
}
