package io.flowstack.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.flowstack.crds.v1alpha1.common.ConditionStatus;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.tenant.TenantStatus;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.testing.Examples;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A Tenant's status from what a reconcile saw: problems, progress, readiness, and transition times kept. */
class TenantStatusAggregatorTest {
    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    private final Tenant tenant = Examples.tenant("acme.yaml");

    private static StatefulSet database(int ready) {
        return new StatefulSetBuilder().withNewMetadata().withGeneration(1L).endMetadata()
                .withNewSpec().withReplicas(1).endSpec()
                .withNewStatus().withObservedGeneration(1L).withReadyReplicas(ready).endStatus().build();
    }

    private static Deployment runtime(int ready) {
        return new DeploymentBuilder().withNewMetadata().withGeneration(1L).endMetadata()
                .withNewSpec().withReplicas(1).endSpec()
                .withNewStatus().withObservedGeneration(1L).withUpdatedReplicas(ready).withReadyReplicas(ready)
                .endStatus().build();
    }

    private TenantStatus aggregate(Optional<TenantProblem> problem, Optional<StatefulSet> db, Optional<Deployment> rt,
                                   Instant at) {
        return TenantStatusAggregator.aggregate(tenant, new TenantStatusAggregator.Observation(problem, db, rt),
                OperatorSettings.defaults(), at);
    }

    @Test
    void aProblemIsNotReadyAndDegradedWithItsTypedReason() {
        TenantStatus status = aggregate(Optional.of(new TenantProblem(TenantReason.SecretMissing, "Secret x not found")),
                Optional.empty(), Optional.empty(), T0);
        assertThat(Conditions.find(status.conditions, "Ready").orElseThrow().reason).isEqualTo("SecretMissing");
        assertThat(Conditions.isTrue(status.conditions, "Degraded")).isTrue();
        assertThat(Conditions.find(status.conditions, "Degraded").orElseThrow().message).isEqualTo("Secret x not found");
        assertThat(status.namespace).isEqualTo("tenant-acme");
    }

    @Test
    void aStackComingUpIsProgressingAndSaysWhatItWaitsFor() {
        TenantStatus status = aggregate(Optional.empty(), Optional.of(database(0)), Optional.empty(), T0);
        assertThat(Conditions.find(status.conditions, "Ready").orElseThrow().reason).isEqualTo("Progressing");
        assertThat(Conditions.find(status.conditions, "Ready").orElseThrow().message).startsWith("database: ");
        assertThat(Conditions.isTrue(status.conditions, "Reconciling")).isTrue();
        assertThat(status.database.ready).isFalse();
        assertThat(status.runtime.message).isEqualTo("runtime Deployment not created yet");
    }

    @Test
    void aReadyStackKeepsItsTransitionTimesAcrossReconciles() {
        TenantStatus ready = aggregate(Optional.empty(), Optional.of(database(1)), Optional.of(runtime(1)), T0);
        assertThat(Conditions.find(ready.conditions, "Ready").orElseThrow().status).isEqualTo(ConditionStatus.True);
        assertThat(ready.endpoints.api).isEqualTo("http://flowstack-runtime.tenant-acme.svc:8080/api");
        tenant.setStatus(ready);
        TenantStatus again = aggregate(Optional.empty(), Optional.of(database(1)), Optional.of(runtime(1)),
                T0.plusSeconds(600));
        assertThat(again.conditions).usingRecursiveFieldByFieldElementComparator().isEqualTo(ready.conditions);
    }
}
