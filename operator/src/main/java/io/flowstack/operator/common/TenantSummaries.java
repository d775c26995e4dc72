package io.flowstack.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.stream.Collectors;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.tenant.RuntimeSpec;
import io.flowstack.crds.v1alpha1.tenant.TenantSpec;
import io.flowstack.crds.v1alpha1.tenant.TenantStatus;

/**
 * The Tenant cache of the namespaced kinds' controllers: only what they read (name, namespace, the runtime's image and
 * whether it is ready), so a platform with thousands of Tenants does not hold them in full once per controller.
 */
public final class TenantSummaries extends TransformingItemStore<Tenant> {

    /**
     * The informer of Tenants a namespaced kind's controller keeps: summaries only, and a Tenant's change (it appears,
     * its namespace or runtime readiness changes) wakes the objects of its namespace.
     */
    public static <P extends HasMetadata> InformerEventSource<Tenant, P> informer(Class<P> primary,
                                                                                 EventSourceContext<P> context) {
        // Tenants are cluster-scoped: every one is watched, whatever namespaces the controller watches
        var configuration = InformerEventSourceConfiguration.from(Tenant.class, primary).withWatchAllNamespaces()
                .withItemStore(new TenantSummaries())
                .withSecondaryToPrimaryMapper(tenant -> context.getPrimaryCache()
                        .list(tenant.targetNamespace()).map(ResourceID::fromResource).collect(Collectors.toSet()))
                .build();
        return new InformerEventSource<>(configuration, context);
    }

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
