package io.flowstack.operator.tenant;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.tenant.TenantStatus;
import io.flowstack.contract.RuntimePaths;
import io.flowstack.operator.common.StackNames;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.tenant.desired.DatabaseDesired;
import io.flowstack.operator.common.Readiness;
import io.flowstack.operator.tenant.desired.RuntimeDesired;
import java.time.Instant;
import io.flowstack.operator.tenant.monitoring.TenantMonitoring;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Computes a Tenant's status from what the reconcile saw: Ready (the summary), Reconciling (work in progress) and
 * Degraded (something the owner must fix), plus per-component readiness and endpoints.
 */
public final class TenantStatusAggregator {
    public static final String READY = "Ready";
    public static final String RECONCILING = "Reconciling";
    public static final String DEGRADED = "Degraded";

    /**
     * What the reconcile observed; {@code stackFingerprint}: the fingerprint of the settled stack (none while it is
     * not settled, see {@link io.flowstack.operator.tenant.dependents.SettledStacks}).
     */
    public record Observation(Optional<TenantProblem> problem, Optional<StatefulSet> database,
                              Optional<Deployment> runtime, Optional<Condition> monitoring,
                              Optional<String> stackFingerprint) {
        public Observation(Optional<TenantProblem> problem, Optional<StatefulSet> database,
                           Optional<Deployment> runtime) {
            this(problem, database, runtime, Optional.empty(), Optional.empty());
        }
    }

    private TenantStatusAggregator() {
    }

    public static TenantStatus aggregate(Tenant tenant, Observation observed, OperatorSettings settings, Instant now) {
        TenantStatus previous = tenant.getStatus() == null ? new TenantStatus() : tenant.getStatus();
        long generation = tenant.getMetadata().getGeneration() == null ? 0 : tenant.getMetadata().getGeneration();
        TenantStatus status = new TenantStatus();
        status.observedGeneration = generation;
        status.namespace = tenant.targetNamespace();
        status.runtimeVersion = RuntimeDesired.version(tenant, settings);
        status.database = databaseStatus(tenant, observed);
        status.runtime = runtimeStatus(tenant, observed);
        String service = StackNames.runtimeUrl(tenant.targetNamespace());
        status.endpoints = new TenantStatus.Endpoints();
        status.endpoints.api = service + RuntimePaths.API;
        status.endpoints.webhooks = service + RuntimePaths.WEBHOOKS;
        status.endpoints.metrics = service + RuntimePaths.METRICS;
        status.stackFingerprint = observed.stackFingerprint().orElse(null);

        List<Condition> computed = new ArrayList<>();
        if (observed.problem().isPresent()) {
            TenantProblem problem = observed.problem().get();
            computed.add(Conditions.of(READY, false, problem.reason(), problem.message()));
            computed.add(Conditions.of(RECONCILING, false, problem.reason(), "waiting for the spec or cluster to be fixed"));
            computed.add(Conditions.of(DEGRADED, true, problem.reason(), problem.message()));
        } else {
            boolean ready = Boolean.TRUE.equals(status.database.ready) && Boolean.TRUE.equals(status.runtime.ready);
            String waiting = !Boolean.TRUE.equals(status.database.ready) ? "database: " + status.database.message
                    : "runtime: " + status.runtime.message;
            computed.add(ready ? Conditions.of(READY, true, TenantReason.StackReady, "database and runtime are ready")
                    : Conditions.of(READY, false, TenantReason.Progressing, waiting));
            computed.add(ready ? Conditions.of(RECONCILING, false, TenantReason.Reconciled, "all objects are up to date")
                    : Conditions.of(RECONCILING, true, TenantReason.Progressing, waiting));
            computed.add(Conditions.of(DEGRADED, false, TenantReason.AsExpected, "nothing needs fixing"));
        }
        // monitoring is looked at only when the stack is; until then its condition stays as it was
        observed.monitoring().or(() -> Conditions.find(previous.conditions, TenantMonitoring.CONDITION))
                .ifPresent(computed::add);
        status.conditions = Conditions.merge(previous.conditions, computed, generation, now);
        return status;
    }

    private static TenantStatus.ComponentStatus databaseStatus(Tenant tenant, Observation observed) {
        TenantStatus.ComponentStatus component = new TenantStatus.ComponentStatus();
        if (!DatabaseDesired.isManaged(tenant)) {
            component.ready = observed.problem().isEmpty();
            component.message = observed.problem().isPresent() ? observed.problem().get().message()
                    : tenant.getSpec().database.mode == io.flowstack.crds.v1alpha1.tenant.DatabaseMode.Shared
                    ? "role and database are in place on the shared server"
                    : "using the database of the connection Secret";
            return component;
        }
        component.replicas = 1;
        component.readyReplicas = observed.database().map(s -> s.getStatus() == null ? 0
                : nullToZero(s.getStatus().getReadyReplicas())).orElse(0);
        component.ready = observed.database().map(Readiness::isReady).orElse(false);
        component.message = component.ready ? "PostgreSQL is ready"
                : observed.database().isEmpty() ? "PostgreSQL StatefulSet not created yet" : "waiting for PostgreSQL to become ready";
        return component;
    }

    private static TenantStatus.ComponentStatus runtimeStatus(Tenant tenant, Observation observed) {
        TenantStatus.ComponentStatus component = new TenantStatus.ComponentStatus();
        Integer held = RuntimeDesired.replicas(tenant);
        component.replicas = held != null ? held : observed.runtime().map(d -> d.getSpec() == null
                || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas()).orElse(1);
        component.readyReplicas = observed.runtime().map(d -> d.getStatus() == null ? 0
                : nullToZero(d.getStatus().getReadyReplicas())).orElse(0);
        component.ready = observed.runtime().map(Readiness::isReady).orElse(false);
        component.message = component.ready ? component.readyReplicas + "/" + component.replicas + " runtime pods ready"
                : observed.runtime().isEmpty() ? "runtime Deployment not created yet"
                : "waiting for runtime pods: " + component.readyReplicas + "/" + component.replicas + " ready";
        return component;
    }

    private static int nullToZero(Integer value) {
        return value == null ? 0 : value;
    }
}
