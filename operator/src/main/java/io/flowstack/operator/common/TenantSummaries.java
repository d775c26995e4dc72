package io.flowstack.operator.common;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.tenant.RuntimeSpec;
import io.flowstack.crds.v1alpha1.tenant.TenantSpec;
import io.flowstack.crds.v1alpha1.tenant.TenantStatus;

/**
 * The Tenant cache of the namespaced kinds' controllers ({@link SharedTenantInformer}): only what they read (name,
 * namespace, the runtime's image and whether it is ready), so a platform with thousands of Tenants does not hold them
 * in full.
 */
public final class TenantSummaries extends TransformingItemStore<Tenant> {

    static Tenant summary(Tenant tenant) {
        Tenant summary = new Tenant();
        var metadata = tenant.getMetadata();
        summary.setMetadata(new ObjectMetaBuilder().withName(metadata.getName()).withUid(metadata.getUid())
                .withResourceVersion(metadata.getResourceVersion()).withGeneration(metadata.getGeneration())
                .withDeletionTimestamp(metadata.getDeletionTimestamp()).build());
        TenantSpec spec = new TenantSpec();
        spec.namespace = tenant.getSpec() == null ? null : tenant.getSpec().namespace;
        if (tenant.getSpec() != null && tenant.getSpec().runtime != null) {
            // the image of the tenant's runtime, which backup Jobs run too
            spec.runtime = new RuntimeSpec();
            spec.runtime.image = tenant.getSpec().runtime.image;
            spec.runtime.version = tenant.getSpec().runtime.version;
        }
        summary.setSpec(tenant.getSpec() == null ? null : spec);
        if (tenant.getStatus() != null) {
            TenantStatus status = new TenantStatus();
            status.runtime = tenant.getStatus().runtime;
            summary.setStatus(status);
        }
        return summary;
    }

    @Override
    protected Tenant kept(Tenant tenant) {
        return summary(tenant);
    }
}
