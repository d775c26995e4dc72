package io.flowstack.operator.integration;

import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.common.FieldError;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.integration.IntegrationStatus;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.validation.FlowstackValidator;
import io.flowstack.crds.validation.ValidationContext;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.common.StatusWriter;
import io.flowstack.operator.common.TenantLookup;
import io.flowstack.operator.common.TenantEventSource;
import io.flowstack.operator.common.TenantRelay;
import io.flowstack.operator.common.WarningEvents;
import io.flowstack.operator.runtimeapi.RuntimeApi;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Checks each Integration: in a tenant's namespace, valid (Valid lets the Tenant reconciler project it), its Secret
 * holding every credential its type needs (SecretReady names a missing Secret or key), and the service reachable with
 * them from the tenant's runtime (Connected, see {@link ConnectivityCheck}). While the Secret is not ready the check
 * repeats every 30 s, so a Secret created later is noticed without watching every Secret of the cluster.
 */
@ControllerConfiguration(name = "integration", fieldManager = OperatorSettings.FIELD_MANAGER)
public class IntegrationReconciler implements Reconciler<Integration> {
    static final Duration SECRET_RECHECK = Duration.ofSeconds(30);
    private final FlowstackValidator validator = new FlowstackValidator();
    private final WarningEvents events = new WarningEvents(IntegrationReason.values());
    private final Clock clock;
    private final TenantRelay tenants;
    private final ConnectivityCheck connectivity;

    @Inject
    public IntegrationReconciler(Clock clock, RuntimeApi runtimeApi, TenantRelay tenants) {
        this.clock = clock;
        this.tenants = tenants;
        this.connectivity = new ConnectivityCheck(runtimeApi);
    }

    @Override
    public List<EventSource<?, Integration>> prepareEventSources(EventSourceContext<Integration> context) {
        return List.of(new TenantEventSource<>(context, tenants));
    }

    @Override
    public UpdateControl<Integration> reconcile(Integration integration, Context<Integration> context) {
        Instant now = clock.instant();
        Optional<Tenant> tenant = TenantLookup.forNamespace(context, integration.getMetadata().getNamespace());
        IntegrationStatusAggregator.Observation observed = tenant.isEmpty()
                ? new IntegrationStatusAggregator.Observation(false, List.of(), Optional.empty(), Optional.empty())
                : observe(integration, tenant.get(), context, now);
        IntegrationStatus status = IntegrationStatusAggregator.aggregate(integration, observed, now);
        List<Condition> before = integration.getStatus() == null ? null : integration.getStatus().conditions;
        events.reportNew(context.getClient(), integration, List.of(IntegrationStatusAggregator.READY,
                IntegrationStatusAggregator.CONNECTED), before, status.conditions, now);
        StatusWriter.writeIfChanged(integration, status, context, Integration::new);
        UpdateControl<Integration> control = UpdateControl.noUpdate();
        Optional<Duration> recheck = observed.connectivity().map(ConnectivityCheck.Outcome::next)
                .or(() -> observed.secretProblem().map(p -> SECRET_RECHECK));
        return recheck.map(control::rescheduleAfter).orElse(control);
    }

    private IntegrationStatusAggregator.Observation observe(Integration integration, Tenant tenant,
                                                            Context<Integration> context, Instant now) {
        List<FieldError> errors = validator.validate(integration, ValidationContext.none());
        Optional<String> secretProblem = SecretCheck.problem(integration, context.getClient());
        Optional<ConnectivityCheck.Outcome> connected = Optional.empty();
        if (errors.isEmpty() && secretProblem.isEmpty()) {
            long generation = integration.getMetadata().getGeneration() == null ? 0
                    : integration.getMetadata().getGeneration();
            connected = Optional.of(connectivity.check(integration, tenant, integration.getStatus() == null ? null
                    : integration.getStatus().conditions, generation, context.getClient(), now));
        }
        return new IntegrationStatusAggregator.Observation(true, errors, secretProblem, connected);
    }
}
