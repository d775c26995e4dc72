package io.flowstack.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.tenant.TenantStatus;
import io.flowstack.operator.testing.Examples;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

class TenantUpdateFilterTest {
    private final TenantUpdateFilter filter = new TenantUpdateFilter();

    private static Tenant tenant() {
        Tenant tenant = Examples.tenant("acme.yaml");
        tenant.getMetadata().setGeneration(1L);
        return tenant;
    }

    @Test
    void statusOnlyChangesAreIgnored() {
        Tenant old = tenant();
        Tenant updated = Serialization.clone(old);
        updated.setStatus(new TenantStatus());
        updated.getMetadata().setResourceVersion("42");
        assertThat(filter.accept(updated, old)).isFalse();
    }

    @Test
    void specAnnotationLabelAndDeletionChangesAreAccepted() {
        Tenant old = tenant();
        Tenant spec = Serialization.clone(old);
        spec.getMetadata().setGeneration(2L);
        Tenant annotated = Serialization.clone(old);
        annotated.getMetadata().setAnnotations(new HashMap<>(java.util.Map.of("flowstack.io/rotate-secrets", "1")));
        Tenant deleted = Serialization.clone(old);
        deleted.getMetadata().setDeletionTimestamp("2026-11-22T10:00:00Z");
        assertThat(filter.accept(spec, old)).isTrue();
        assertThat(filter.accept(annotated, old)).isTrue();
        assertThat(filter.accept(deleted, old)).isTrue();
    }
}
