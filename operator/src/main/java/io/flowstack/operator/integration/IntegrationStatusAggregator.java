package io.flowstack.operator.integration;

import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.common.ConditionStatus;
import io.flowstack.crds.v1alpha1.common.FieldError;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.integration.IntegrationStatus;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.definitions.Projection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An Integration's status from what its reconcile observed: Valid (lets the Tenant reconciler project it),
 * SecretReady (names a missing Secret or key), Connected (the runtime's check) and Ready (the summary).
 */
public final class IntegrationStatusAggregator {
    public static final String VALID = Projection.VALID;
    public static final String SECRET_READY = Projection.SECRET_READY;
    public static final String CONNECTED = "Connected";
    public static final String READY = "Ready";

    /**
     * @param inTenantNamespace whether a Tenant owns the namespace
     * @param errors            validation errors
     * @param secretProblem     what the Secret lacks, if anything
     * @param connectivity      the Connected outcome, when valid and the Secret is ready
     */
    public record Observation(boolean inTenantNamespace, List<FieldError> errors, Optional<String> secretProblem,
                              Optional<ConnectivityCheck.Outcome> connectivity) {
    }

    private IntegrationStatusAggregator() {
    }

    public static IntegrationStatus aggregate(Integration integration, Observation observed, Instant now) {
        long generation = integration.getMetadata().getGeneration() == null ? 0
                : integration.getMetadata().getGeneration();
        List<Condition> before = integration.getStatus() == null ? null : integration.getStatus().conditions;
        String lastCheckTime = integration.getStatus() == null ? null : integration.getStatus().lastCheckTime;
        List<Condition> conditions = new ArrayList<>();
        if (!observed.inTenantNamespace()) {
            conditions.add(Conditions.of(READY, false, IntegrationReason.NotInTenantNamespace, "namespace "
                    + integration.getMetadata().getNamespace() + " belongs to no Tenant: create the Integration in a"
                    + " tenant's namespace"));
        } else {
            String problems = observed.errors().stream().map(e -> e.field + ": " + e.message)
                    .collect(Collectors.joining("; "));
            boolean valid = observed.errors().isEmpty();
            conditions.add(valid ? Conditions.of(VALID, true, IntegrationReason.Valid, "the integration passes"
                    + " validation") : Conditions.of(VALID, false, IntegrationReason.InvalidSpec, problems));
            conditions.add(observed.secretProblem().map(p -> Conditions.of(SECRET_READY, false,
                    IntegrationReason.SecretNotReady, p)).orElse(Conditions.of(SECRET_READY, true,
                    IntegrationReason.SecretReady, "every credential is present")));
            Optional<Condition> connected = observed.connectivity().map(ConnectivityCheck.Outcome::condition);
            connected.ifPresent(conditions::add);
            if (observed.connectivity().map(ConnectivityCheck.Outcome::checked).orElse(false)) {
                lastCheckTime = now.toString();
            }
            conditions.add(ready(valid, problems, observed.secretProblem(), connected));
        }
        IntegrationStatus status = new IntegrationStatus();
        status.observedGeneration = generation;
        status.conditions = Conditions.merge(before, conditions, generation, now);
        status.lastCheckTime = lastCheckTime;
        return status;
    }

    private static Condition ready(boolean valid, String problems, Optional<String> secretProblem,
                                   Optional<Condition> connected) {
        if (!valid) {
            return Conditions.of(READY, false, IntegrationReason.InvalidSpec, problems);
        }
        if (secretProblem.isPresent()) {
            return Conditions.of(READY, false, IntegrationReason.SecretNotReady, secretProblem.get());
        }
        if (connected.isPresent() && connected.get().status == ConditionStatus.False) {
            return Conditions.of(READY, false, IntegrationReason.ConnectionFailed, connected.get().message);
        }
        return Conditions.of(READY, true, IntegrationReason.SecretReady, "valid and its credentials are present");
    }
}
