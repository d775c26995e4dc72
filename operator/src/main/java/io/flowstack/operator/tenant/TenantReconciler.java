package io.flowstack.operator.tenant;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.tenant.TenantStatus;
import io.flowstack.operator.common.Backoff;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.common.OperatorBuild;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.common.StackNames;
import io.flowstack.operator.common.StatusWriter;
import io.flowstack.operator.common.TenantRelay;
import io.flowstack.operator.common.WarningEvents;
import io.flowstack.operator.definitions.DefinitionsProjector;
import io.flowstack.operator.tenant.database.DatabaseProvisioning;
import io.flowstack.operator.tenant.database.SharedDatabases;
import io.flowstack.operator.tenant.dependents.InformerScopes;
import io.flowstack.operator.tenant.dependents.DatabaseSecretDependent;
import io.flowstack.operator.tenant.dependents.DatabaseServiceDependent;
import io.flowstack.operator.tenant.dependents.DatabaseStatefulSetDependent;
import io.flowstack.operator.tenant.dependents.DefinitionsDependent;
import io.flowstack.operator.tenant.dependents.KeysSecretDependent;
import io.flowstack.operator.tenant.dependents.LimitRangeDependent;
import io.flowstack.operator.tenant.dependents.LiveInputs;
import io.flowstack.operator.tenant.dependents.NamespaceDependent;
import io.flowstack.operator.tenant.dependents.NetworkPolicyDependent;
import io.flowstack.operator.tenant.dependents.OwnersRoleBindingDependent;
import io.flowstack.operator.tenant.dependents.QuotaDependent;
import io.flowstack.operator.tenant.dependents.RuntimeDeploymentDependent;
import io.flowstack.operator.tenant.dependents.RuntimePdbDependent;
import io.flowstack.operator.tenant.dependents.RuntimeServiceAccountDependent;
import io.flowstack.operator.tenant.dependents.RuntimeServiceDependent;
import io.flowstack.operator.tenant.dependents.Secondaries;
import io.flowstack.operator.tenant.dependents.SettledStacks;
import io.flowstack.operator.tenant.dependents.StackConditions;
import io.flowstack.operator.tenant.dependents.StackSources;
import io.flowstack.operator.tenant.dependents.TenantDependentKey;
import io.flowstack.operator.tenant.dependents.TenantDependentKey.Names;
import io.flowstack.operator.tenant.desired.DatabaseEndpoint;
import io.flowstack.operator.tenant.desired.SecretValues;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import jakarta.inject.Inject;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.operator.tenant.monitoring.MonitoringApi;
import io.flowstack.operator.tenant.monitoring.TenantMonitoring;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns a Tenant into its stack. The preflight (shared validator, namespace ownership, database provisioning) runs
 * first; only a Tenant that passes it has its dependents reconciled, so a bad spec never leaves a half-made stack.
 * Problems a user can fix become Ready=False and Degraded=True with a typed reason, are logged and recorded as an
 * event once when they appear, and are retried after as long as they have lasted. The {@code @Workflow} below is the
 * one declaration of a Tenant's objects: the SDK reconciles it, {@link TenantObjects} renders it offline.
 */
// not generation-aware: annotations (flowstack.io/rotate-secrets) change no generation but must be acted upon;
// TenantUpdateFilter keeps the operator's own status writes from triggering reconciles.
// Dependents of one kind share one informer (useEventSourceWithName): one watch and one cache of the tenants' Secrets
// and of their Services, not one per dependent; each dependent finds its own object by name.
@ControllerConfiguration(name = "tenant", fieldManager = OperatorSettings.FIELD_MANAGER,
        generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = TenantUpdateFilter.class, itemStore = TenantItemStore.class))
@Workflow(explicitInvocation = true, dependents = {
        @Dependent(name = Names.NAMESPACE, type = NamespaceDependent.class),
        @Dependent(name = Names.QUOTA, type = QuotaDependent.class, dependsOn = Names.NAMESPACE,
                reconcilePrecondition = StackConditions.QuotaSet.class),
        @Dependent(name = Names.LIMITS, type = LimitRangeDependent.class, dependsOn = Names.NAMESPACE,
                reconcilePrecondition = StackConditions.LimitsSet.class),
        @Dependent(name = Names.NETWORK_POLICY, type = NetworkPolicyDependent.class, dependsOn = Names.NAMESPACE),
        @Dependent(name = Names.RUNTIME_SERVICE_ACCOUNT, type = RuntimeServiceAccountDependent.class,
                dependsOn = Names.NAMESPACE),
        @Dependent(name = Names.OWNERS_BINDING, type = OwnersRoleBindingDependent.class, dependsOn = Names.NAMESPACE,
                reconcilePrecondition = StackConditions.OwnersSet.class),
        @Dependent(name = Names.KEYS_SECRET, type = KeysSecretDependent.class, dependsOn = Names.NAMESPACE),
        @Dependent(name = Names.DATABASE_SECRET, type = DatabaseSecretDependent.class, dependsOn = Names.NAMESPACE,
                useEventSourceWithName = Names.KEYS_SECRET),
        @Dependent(name = Names.DATABASE_SERVICE, type = DatabaseServiceDependent.class, dependsOn = Names.NAMESPACE,
                reconcilePrecondition = StackConditions.ManagedDatabase.class),
        @Dependent(name = Names.DATABASE, type = DatabaseStatefulSetDependent.class,
                dependsOn = {Names.DATABASE_SECRET, Names.DATABASE_SERVICE},
                reconcilePrecondition = StackConditions.ManagedDatabase.class,
                readyPostcondition = DatabaseStatefulSetDependent.Ready.class),
        @Dependent(name = Names.RUNTIME_SERVICE, type = RuntimeServiceDependent.class, dependsOn = Names.NAMESPACE,
                useEventSourceWithName = Names.DATABASE_SERVICE),
        @Dependent(name = Names.RUNTIME_PDB, type = RuntimePdbDependent.class, dependsOn = Names.NAMESPACE),
        @Dependent(name = Names.DEFINITIONS, type = DefinitionsDependent.class, dependsOn = Names.NAMESPACE),
        @Dependent(name = Names.RUNTIME, type = RuntimeDeploymentDependent.class,
                dependsOn = {Names.KEYS_SECRET, Names.DATABASE_SECRET, Names.RUNTIME_SERVICE_ACCOUNT},
                readyPostcondition = RuntimeDeploymentDependent.Ready.class)
})
public class TenantReconciler implements Reconciler<Tenant>, Cleaner<Tenant> {
    /** A problem is looked at again after as long as it has lasted, between 10 seconds and 10 minutes. */
    static final Backoff RETRY = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(10));

    private final OperatorSettings settings;
    private final SecretValues secretValues;
    private final Clock clock;
    private final TenantMetrics metrics;
    private final MonitoringApi monitoringApi;
    /** Lends this controller's Tenants to the namespaced kinds' controllers. */
    private final TenantRelay relay;
    private final TenantMonitoring monitoring;
    private final TenantPreflight preflight;
    private final TenantDeletion deletion;
    private final StatusPacing pacing = new StatusPacing();
    private final SettledStacks settled;
    private final WarningEvents events = new WarningEvents(TenantReason.values());

    @Inject
    public TenantReconciler(OperatorSettings settings, SecretValues secretValues, Clock clock, TenantMetrics metrics,
                            MonitoringApi monitoringApi, TenantRelay relay) {
        this.settings = settings;
        this.relay = relay;
        this.monitoringApi = monitoringApi;
        this.monitoring = new TenantMonitoring(monitoringApi);
        this.secretValues = secretValues;
        this.clock = clock;
        this.metrics = metrics;
        this.settled = new SettledStacks(OperatorBuild.identity() + " " + settings);
        DatabaseProvisioning databases = new DatabaseProvisioning(new SharedDatabases());
        this.preflight = new TenantPreflight(databases, settings, secretValues);
        this.deletion = new TenantDeletion(databases, settings);
    }

    @Override
    public UpdateControl<Tenant> reconcile(Tenant tenant, Context<Tenant> context) {
        metrics.observe(context.getPrimaryCache());
        DatabaseProvisioning.Provisioned provisioned = preflight.check(tenant, context);
        Optional<TenantProblem> problem = provisioned.problem();
        Optional<Condition> monitored = Optional.empty();
        if (problem.isEmpty()) {
            try {
                applyStack(tenant, provisioned, context);
                problem = ManagedVolumes.reconcile(tenant, Secondaries.find(context, StatefulSet.class,
                        TenantDependentKey.DATABASE, new ResourceID(StackNames.DATABASE, tenant.targetNamespace())),
                        context.getClient());
                monitored = Optional.of(monitoring.reconcile(tenant, context.getClient()));
            } catch (AggregatedOperatorException failure) {
                problem = Optional.of(RefusedWrites.problem(failure).orElseThrow(() -> failure));
            }
        } else {
            settled.forget(tenant);
        }
        String namespace = tenant.targetNamespace();
        TenantStatusAggregator.Observation observation = new TenantStatusAggregator.Observation(problem,
                problem.isPresent() ? Optional.empty() : Secondaries.find(context, StatefulSet.class,
                        TenantDependentKey.DATABASE, new ResourceID(StackNames.DATABASE, namespace)),
                problem.isPresent() ? Optional.empty() : Secondaries.find(context, Deployment.class,
                        TenantDependentKey.RUNTIME, new ResourceID(StackNames.RUNTIME, namespace)), monitored,
                problem.isPresent() ? Optional.empty() : settled.fingerprint(tenant));
        Instant now = clock.instant();
        TenantStatus status = TenantStatusAggregator.aggregate(tenant, observation, settings, now);
        events.reportNew(context.getClient(), tenant, List.of(TenantStatusAggregator.DEGRADED),
                tenant.getStatus() == null ? null : tenant.getStatus().conditions, status.conditions, now);
        return writeStatus(tenant, status, context, now, problem.isPresent());
    }

    /**
     * Runs the dependents' workflow unless the stack is settled ({@link SettledStacks}: made from these sources and
     * unchanged since), then it has nothing to apply.
     */
    private void applyStack(Tenant tenant, DatabaseProvisioning.Provisioned provisioned, Context<Tenant> context) {
        DatabaseEndpoint database = provisioned.endpoint().orElseGet(() -> DatabaseEndpoint.managed(tenant));
        DefinitionsProjector.Sources definitions = DefinitionsProjector.sources(tenant, context);
        StackSources sources = StackSources.of(tenant, database, provisioned.password(), definitions);
        Optional<SettledStacks.Run> run = settled.start(tenant, sources, context);
        metrics.stackReconciled(run.isPresent());
        if (run.isEmpty()) {
            return;
        }
        new LiveInputs(context, settings, secretValues, database, provisioned.password(),
                DefinitionsProjector.plan(tenant, definitions)).attach();
        context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow()
                .throwAggregateExceptionIfErrorsPresent();
        run.get().settle();
    }

    /** Writes the status now or later (see {@link StatusPacing}); a problem is looked at again with backoff. */
    private UpdateControl<Tenant> writeStatus(Tenant tenant, TenantStatus status, Context<Tenant> context, Instant now,
                                              boolean problem) {
        StatusPacing.Pace pace = pacing.decide(tenant, status, now);
        if (pace.write()) {
            StatusWriter.write(tenant, status, context, Tenant::new);
            pacing.written(tenant, now);
        } else if (pace.retryAfter() != null) {
            // coming up: the status waits; look again when it is due
            return UpdateControl.<Tenant>noUpdate().rescheduleAfter(pace.retryAfter());
        }
        UpdateControl<Tenant> control = UpdateControl.noUpdate();
        return problem ? control.rescheduleAfter(retryDelay(status, now)) : control;
    }

    @Override
    public List<EventSource<?, Tenant>> prepareEventSources(EventSourceContext<Tenant> context) {
        InformerScopes.declare(context, settings.watched());
        // first: indexes the cache, which the Workflow and Integration sources' mappers look Tenants up in
        EventSource<Void, Tenant> relayed = relay.attach(context);
        List<EventSource<?, Tenant>> sources = new java.util.ArrayList<>(TenantEventSources.of(context,
                settings.watched(), relay));
        sources.add(relayed);
        sources.add(monitoringApi.eventSource(context.getClient(), () -> context.getPrimaryCache().list().toList()));
        return sources;
    }

    /** Waits as long as the problem has lasted, between 10 seconds and 10 minutes: a backoff that survives restarts. */
    static Duration retryDelay(TenantStatus status, Instant now) {
        return RETRY.after(Conditions.find(status.conditions, TenantStatusAggregator.DEGRADED), now);
    }

    @Override
    public DeleteControl cleanup(Tenant tenant, Context<Tenant> context) {
        pacing.forget(tenant);
        preflight.forget(tenant);
        settled.forget(tenant);
        return deletion.delete(tenant, context);
    }
}
