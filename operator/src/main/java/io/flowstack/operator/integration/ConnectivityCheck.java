package io.flowstack.operator.integration;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.common.ConditionStatus;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.contract.api.ApiError;
import io.flowstack.contract.api.ConnectivityResult;
import io.flowstack.operator.common.Backoff;
import io.flowstack.operator.runtimeapi.RuntimeApi;
import io.flowstack.operator.common.Conditions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Connected condition of an Integration, from a check the tenant's runtime makes (its network, its mounted
 * credentials). Bounded: a connected Integration is checked again after the configured interval (10 minutes by
 * default); a failing one after as long as it has been failing (30 s to 10 minutes), so a broken service is not
 * hammered and a restart of the operator does not reset the pace: the due time comes from the condition itself.
 */
final class ConnectivityCheck {
    /** A failing check is repeated after as long as it has failed, between 30 seconds and 10 minutes. */
    static final Backoff RETRY = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(10));
    static final Duration NOT_LOADED_RETRY = Duration.ofSeconds(15);
    static final String CONNECTED = IntegrationStatusAggregator.CONNECTED;

    /** The condition, when to look again, and whether a check was actually made now. */
    record Outcome(Condition condition, Duration next, boolean checked) {
    }

    private final RuntimeApi api;

    ConnectivityCheck(RuntimeApi api) {
        this.api = api;
    }

    Outcome check(Integration integration, Tenant tenant, List<Condition> before, long generation,
                  KubernetesClient client, Instant now) {
        Optional<Condition> previous = Conditions.find(before, CONNECTED);
        boolean sameGeneration = previous.map(c -> c.observedGeneration != null && c.observedGeneration == generation)
                .orElse(false);
        Instant lastCheck = integration.getStatus() == null || integration.getStatus().lastCheckTime == null ? null
                : Instant.parse(integration.getStatus().lastCheckTime);
        if (previous.isPresent() && sameGeneration && lastCheck != null && previous.get().status != ConditionStatus.Unknown) {
            // the pause chosen at the last check: as long as the failure had lasted then
            Duration wait = interval(previous.get(), lastCheck);
            Instant due = lastCheck.plus(wait);
            if (now.isBefore(due)) {
                return new Outcome(previous.get(), Duration.between(now, due), false);
            }
        }
        if (tenant.getStatus() == null || tenant.getStatus().runtime == null
                || !Boolean.TRUE.equals(tenant.getStatus().runtime.ready)) {
            return new Outcome(Conditions.unknown(CONNECTED, IntegrationReason.RuntimeNotReady, "checked once the runtime of tenant "
                    + tenant.getMetadata().getName() + " is ready"), api.settings().statusInterval(), false);
        }
        String namespace = integration.getMetadata().getNamespace();
        try {
            ConnectivityResult result = api.check(client, namespace, integration.getMetadata().getName());
            Condition condition = result.connected()
                    ? Conditions.of(CONNECTED, true, IntegrationReason.Connected, result.message())
                    : Conditions.of(CONNECTED, false, IntegrationReason.CheckFailed, result.message());
            Duration next = result.connected() ? api.settings().connectedInterval()
                    : interval(previous.filter(c -> c.status == ConditionStatus.False).orElse(condition), now);
            return new Outcome(condition, next, true);
        } catch (RuntimeApi.RuntimeApiException e) {
            if (e.status() == 404 && e.reason().filter(ApiError.Reasons.UNKNOWN_INTEGRATION::equals).isPresent()) {
                return new Outcome(Conditions.unknown(CONNECTED, IntegrationReason.NotLoaded, "the runtime has not"
                        + " loaded this integration yet"), NOT_LOADED_RETRY, false);
            }
            Duration wait = RETRY.after(previous.filter(c -> IntegrationReason.RuntimeUnreachable.name()
                    .equals(c.reason)), now);
            return new Outcome(Conditions.unknown(CONNECTED, IntegrationReason.RuntimeUnreachable, e.getMessage()),
                    wait, false);
        }
    }

    /** Connected: the configured interval; failing: as long as it had failed at {@code now}, within 30 s and 10 min. */
    private Duration interval(Condition condition, Instant now) {
        if (condition.status == ConditionStatus.True) {
            return api.settings().connectedInterval();
        }
        return RETRY.after(Optional.of(condition), now);
    }
}
