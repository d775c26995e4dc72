package io.flowstack.operator.workflow;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.common.ConditionStatus;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.runtimeapi.RuntimeApi;
import io.flowstack.operator.status.Conditions;
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
    static final Duration MIN_RETRY = Duration.ofSeconds(30);
    static final Duration MAX_RETRY = Duration.ofMinutes(10);
    static final Duration NOT_LOADED_RETRY = Duration.ofSeconds(15);
    static final String CONNECTED = "Connected";

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
            return new Outcome(Conditions.unknown(CONNECTED, "RuntimeNotReady", "checked once the runtime of tenant "
                    + tenant.getMetadata().getName() + " is ready"), api.settings().statusInterval(), false);
        }
        String namespace = integration.getMetadata().getNamespace();
        try {
            RuntimeApi.Check result = api.check(client, namespace, integration.getMetadata().getName());
            Condition condition = result.connected()
                    ? Conditions.of(CONNECTED, true, "Connected", result.message())
                    : Conditions.of(CONNECTED, false, "CheckFailed", result.message());
            Duration next = result.connected() ? api.settings().connectedInterval()
                    : interval(previous.filter(c -> c.status == ConditionStatus.False).orElse(condition), now);
            return new Outcome(condition, next, true);
        } catch (RuntimeApi.RuntimeApiException e) {
            if (e.getMessage().contains("answered 404")) {
                return new Outcome(Conditions.unknown(CONNECTED, "NotLoaded", "the runtime has not loaded this"
                        + " integration yet"), NOT_LOADED_RETRY, false);
            }
            Duration lasted = previous.filter(c -> "RuntimeUnreachable".equals(c.reason))
                    .map(c -> Duration.between(Instant.parse(c.lastTransitionTime), now)).orElse(Duration.ZERO);
            return new Outcome(Conditions.unknown(CONNECTED, "RuntimeUnreachable", e.getMessage()), clamp(lasted), false);
        }
    }

    /** Connected: the configured interval; failing: as long as it had failed at {@code now}, within 30 s and 10 min. */
    private Duration interval(Condition condition, Instant now) {
        if (condition.status == ConditionStatus.True) {
            return api.settings().connectedInterval();
        }
        Duration lasted = condition.lastTransitionTime == null ? Duration.ZERO
                : Duration.between(Instant.parse(condition.lastTransitionTime), now);
        return clamp(lasted);
    }

    private static Duration clamp(Duration lasted) {
        if (lasted.compareTo(MIN_RETRY) < 0) {
            return MIN_RETRY;
        }
        return lasted.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : lasted;
    }
}
