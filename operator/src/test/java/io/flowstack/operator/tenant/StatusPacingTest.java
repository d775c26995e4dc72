package io.flowstack.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.tenant.TenantStatus;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.testing.Examples;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One status write for a stack that comes up quickly; paced progress for a slow one; problems and readiness at once. */
class StatusPacingTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private final StatusPacing pacing = new StatusPacing();
    private final Tenant tenant = Examples.tenant("acme.yaml");

    private static TenantStatus status(boolean ready, boolean reconciling, boolean degraded, int readyReplicas) {
        TenantStatus status = new TenantStatus();
        List<Condition> conditions = List.of(Conditions.of("Ready", ready, "R", ""),
                Conditions.of("Reconciling", reconciling, "R", ""), Conditions.of("Degraded", degraded, "R", ""));
        status.conditions = Conditions.merge(null, conditions, 1, T0);
        status.runtime = new TenantStatus.ComponentStatus();
        status.runtime.readyReplicas = readyReplicas;
        return status;
    }

    @Test
    void aStackReadyWithinTheGraceGetsOneStatusWrite() {
        StatusPacing.Pace first = pacing.decide(tenant, status(false, true, false, 0), T0);
        assertThat(first.write()).isFalse();
        assertThat(first.retryAfter()).isEqualTo(StatusPacing.FIRST_STATUS_GRACE);
        assertThat(pacing.decide(tenant, status(false, true, false, 0), T0.plusSeconds(4)).retryAfter())
                .isEqualTo(StatusPacing.FIRST_STATUS_GRACE.minusSeconds(4));
        assertThat(pacing.decide(tenant, status(true, false, false, 1), T0.plusSeconds(5)).write()).isTrue();
    }

    @Test
    void aSlowStackShowsProgressAtMostEveryIntervalAndItsReadinessAtOnce() {
        Instant due = T0.plus(StatusPacing.FIRST_STATUS_GRACE);
        pacing.decide(tenant, status(false, true, false, 0), T0);
        assertThat(pacing.decide(tenant, status(false, true, false, 0), due.minusSeconds(1)).write()).isFalse();
        assertThat(pacing.decide(tenant, status(false, true, false, 0), due).write()).isTrue();
        pacing.written(tenant, due);
        tenant.setStatus(status(false, true, false, 0));

        StatusPacing.Pace progress = pacing.decide(tenant, status(false, true, false, 1), due.plusSeconds(5));
        assertThat(progress.write()).isFalse();
        assertThat(progress.retryAfter()).isEqualTo(StatusPacing.PROGRESS_INTERVAL.minusSeconds(5));
        assertThat(pacing.decide(tenant, status(false, true, false, 1), due.plus(StatusPacing.PROGRESS_INTERVAL))
                .write()).isTrue();
        assertThat(pacing.decide(tenant, status(true, false, false, 1), due.plusSeconds(6)).write()).isTrue();
    }

    @Test
    void aProblemIsWrittenAtOnceAndAnUnchangedStatusNever() {
        assertThat(pacing.decide(tenant, status(false, false, true, 0), T0).write()).isTrue();
        tenant.setStatus(status(true, false, false, 1));
        StatusPacing.Pace unchanged = pacing.decide(tenant, status(true, false, false, 1), T0.plusSeconds(1));
        assertThat(unchanged.write()).isFalse();
        assertThat(unchanged.retryAfter()).isNull();
    }
}
