package io.flowstack.operator.backup;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.flowstack.crds.v1alpha1.backup.BackupPolicyStatus;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.backup.dependents.BackupCronJobDependent;
import io.flowstack.operator.backup.dependents.BackupInputs;
import io.flowstack.operator.backup.dependents.VerifyCronJobDependent;
import io.flowstack.operator.backup.desired.BackupJobDesired;
import io.flowstack.operator.common.Backoff;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.common.StatusWriter;
import io.flowstack.operator.common.TenantLookup;
import io.flowstack.operator.common.TenantEventSource;
import io.flowstack.operator.common.TenantRelay;
import io.flowstack.operator.common.WarningEvents;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * BackupPolicies into CronJobs (backups; restore drills when spec.verify is set) and on-demand Jobs, and the Jobs'
 * reports back into status, Warning events and metrics. A policy outside a tenant's namespace, or whose Secrets or
 * volume are missing, is Ready=False with a typed reason and has nothing created; it is looked at again with backoff.
 */
// not generation-aware: the backup-now annotation changes no generation; status writes are filtered out instead
@ControllerConfiguration(name = "backuppolicy", fieldManager = OperatorSettings.FIELD_MANAGER,
        generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = BackupPolicyUpdateFilter.class))
@Workflow(explicitInvocation = true, dependents = {
        @Dependent(name = "backup-cronjob", type = BackupCronJobDependent.class),
        @Dependent(name = "verify-cronjob", type = VerifyCronJobDependent.class,
                useEventSourceWithName = "backup-cronjob", reconcilePrecondition = VerifyCronJobDependent.Enabled.class)
})
public class BackupPolicyReconciler implements Reconciler<BackupPolicy> {
    /** Missing Secrets and volumes are looked for again after as long as they have been missing (30 s to 10 min). */
    static final Backoff RETRY = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(10));
    private static final String SELECTOR = Labels.MANAGED_SELECTOR + "," + BackupJobDesired.POLICY_LABEL;
    private final OperatorSettings settings;
    private final Clock clock;
    private final TenantRelay tenants;
    private final BackupMetrics metrics;
    private final BackupPreflight preflight = new BackupPreflight();
    /** Problems of the preflight, reported once when they appear; failed backups and drills get an event each. */
    private final WarningEvents events = new WarningEvents(BackupReason.NotInTenantNamespace, BackupReason.InvalidSpec,
            BackupReason.SecretMissing, BackupReason.SecretKeyMissing, BackupReason.TargetMissing);

    @Inject
    public BackupPolicyReconciler(OperatorSettings settings, Clock clock, BackupMetrics metrics, TenantRelay tenants) {
        this.settings = settings;
        this.tenants = tenants;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public List<EventSource<?, BackupPolicy>> prepareEventSources(EventSourceContext<BackupPolicy> context) {
        var jobs = InformerEventSourceConfiguration.from(Job.class, BackupPolicy.class).withLabelSelector(SELECTOR)
                .withSecondaryToPrimaryMapper(job -> policyOf(job.getMetadata().getLabels(),
                        job.getMetadata().getNamespace())).build();
        var pods = InformerEventSourceConfiguration.from(Pod.class, BackupPolicy.class).withLabelSelector(SELECTOR)
                .withSecondaryToPrimaryMapper(pod -> policyOf(pod.getMetadata().getLabels(),
                        pod.getMetadata().getNamespace())).build();
        return List.of(new TenantEventSource<BackupPolicy>(context, tenants), new InformerEventSource<>(jobs, context),
                new InformerEventSource<>(pods, context));
    }

    private static Set<ResourceID> policyOf(java.util.Map<String, String> labels, String namespace) {
        String policy = labels == null ? null : labels.get(BackupJobDesired.POLICY_LABEL);
        return policy == null ? Set.of() : Set.of(new ResourceID(policy, namespace));
    }

    @Override
    public UpdateControl<BackupPolicy> reconcile(BackupPolicy policy, Context<BackupPolicy> context) {
        Instant now = clock.instant();
        Optional<Tenant> tenant = TenantLookup.forNamespace(context, policy.getMetadata().getNamespace());
        Optional<BackupProblem> problem = tenant.isEmpty() ? Optional.of(new BackupProblem(
                BackupReason.NotInTenantNamespace, "namespace " + policy.getMetadata().getNamespace() + " belongs to"
                + " no Tenant: create the BackupPolicy in a tenant's namespace"))
                : preflight.check(policy, context.getClient());
        String request = policy.getStatus() == null ? null : policy.getStatus().lastBackupNowRequest;
        if (problem.isEmpty()) {
            new BackupInputs(tenant.get(), settings).attach(context);
            context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow()
                    .throwAggregateExceptionIfErrorsPresent();
            request = OnDemandBackups.act(policy, tenant.get(), settings, context.getClient());
        }
        BackupPolicyStatus status = BackupStatusAggregator.aggregate(policy, new BackupStatusAggregator.Observation(
                problem, outcomes(policy, context), request), now);
        reportFailures(policy, status, context, now);
        StatusWriter.writeIfChanged(policy, status, context, BackupPolicy::new);
        metrics.observe(policy, tenant.map(t -> t.getMetadata().getName()).orElse(null), status, now,
                context.getPrimaryCache());
        UpdateControl<BackupPolicy> control = UpdateControl.noUpdate();
        if (problem.isPresent()) {
            return control.rescheduleAfter(RETRY.after(Conditions.find(status.conditions, BackupStatusAggregator.READY),
                    now));
        }
        // looked at again when the schedule comes round, so that status.nextScheduleTime and the metrics stay current
        return status.nextScheduleTime == null ? control : control.rescheduleAfter(
                Duration.between(now, Instant.parse(status.nextScheduleTime)).plusSeconds(1));
    }

    @SuppressWarnings("unchecked")
    private static List<BackupOutcomes.Outcome> outcomes(BackupPolicy policy, Context<BackupPolicy> context) {
        String namespace = policy.getMetadata().getNamespace();
        var jobs = (InformerEventSource<Job, BackupPolicy>) context.eventSourceRetriever().getEventSourceFor(Job.class);
        var pods = (InformerEventSource<Pod, BackupPolicy>) context.eventSourceRetriever().getEventSourceFor(Pod.class);
        return BackupOutcomes.of(policy, jobs.list(namespace, j -> true), pods.list(namespace, p -> true).toList());
    }

    /** A Warning event for a problem that appears, and one for each backup or drill that fails. */
    private void reportFailures(BackupPolicy policy, BackupPolicyStatus status, Context<BackupPolicy> context,
                                Instant now) {
        BackupPolicyStatus before = policy.getStatus();
        events.reportNew(context.getClient(), policy, List.of(BackupStatusAggregator.READY),
                before == null ? null : before.conditions, status.conditions, now);
        if (status.lastBackup != null && !Boolean.TRUE.equals(status.lastBackup.succeeded)
                && (before == null || before.lastBackup == null || !status.lastBackup.time.equals(before.lastBackup.time))) {
            WarningEvents.record(context.getClient(), policy, BackupReason.BackupFailed.name(),
                    status.lastBackup.message, now);
        }
        if (status.lastVerification != null && !Boolean.TRUE.equals(status.lastVerification.succeeded)
                && (before == null || before.lastVerification == null
                || !status.lastVerification.time.equals(before.lastVerification.time))) {
            WarningEvents.record(context.getClient(), policy, BackupReason.DrillFailed.name(),
                    status.lastVerification.message, now);
        }
    }
}
