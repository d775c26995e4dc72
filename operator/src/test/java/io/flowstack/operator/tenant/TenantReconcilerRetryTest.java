package io.flowstack.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstack.crds.v1alpha1.tenant.TenantStatus;
import io.flowstack.operator.common.Conditions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retry interval of a persisting problem grows with its age, between 10 seconds and 10 minutes. */
class TenantReconcilerRetryTest {
    private static TenantStatus degradedSince(Instant since) {
        TenantStatus status = new TenantStatus();
        var condition = Conditions.of("Degraded", true, "NamespaceConflict", "x");
        condition.lastTransitionTime = since.toString();
        status.conditions = List.of(condition);
        return status;
    }

    @Test
    void growsWithTheProblemsAgeAndIsBounded() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        assertThat(TenantReconciler.retryDelay(degradedSince(now), now)).isEqualTo(Duration.ofSeconds(10));
        assertThat(TenantReconciler.retryDelay(degradedSince(now.minusSeconds(45)), now)).isEqualTo(Duration.ofSeconds(45));
        assertThat(TenantReconciler.retryDelay(degradedSince(now.minusSeconds(3600)), now)).isEqualTo(Duration.ofMinutes(10));
    }
}
