package io.flowstack.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.tenant.TenantStatus;
import io.flowstack.operator.testing.Examples;
import org.junit.jupiter.api.Test;

/** The Workflow and Integration controllers' Tenant cache keeps what they read and nothing else. */
class TenantSummariesTest {
    @Test
    void keepsNameNamespaceAndRuntimeReadinessOnly() {
        Tenant acme = Examples.tenant("acme.yaml");
        acme.getMetadata().setUid("u-1");
        acme.getMetadata().setResourceVersion("42");
        acme.setStatus(new TenantStatus());
        acme.getStatus().runtime = new TenantStatus.ComponentStatus();
        acme.getStatus().runtime.ready = true;
        acme.getStatus().namespace = "tenant-acme";

        TenantSummaries store = new TenantSummaries();
        store.put(store.getKey(acme), acme);
        Tenant kept = store.get("acme");

        assertThat(kept.targetNamespace()).isEqualTo(acme.targetNamespace());
        assertThat(kept.getMetadata().getResourceVersion()).isEqualTo("42");
        assertThat(kept.getMetadata().getUid()).isEqualTo("u-1");
        assertThat(kept.getStatus().runtime.ready).isTrue();
        assertThat(kept.getSpec().owners).isEmpty();
        assertThat(kept.getSpec().quota).isNull();
        assertThat(kept.getMetadata().getLabels()).isNullOrEmpty();
        assertThat(acme.getSpec().owners).as("the original is untouched").isNotEmpty();
    }
}
