package io.flowstack.operator.common;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.tenant.TenantSpec;
import io.flowstack.crds.v1alpha1.tenant.TenantStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The Tenant cache of the Workflow and Integration controllers: only what they read (name, namespace, whether the
 * runtime is ready), so a platform with thousands of Tenants does not hold them in full once per controller.
 */
public final class TenantSummaries implements ItemStore<Tenant> {
    private final Map<String, Tenant> items = new ConcurrentHashMap<>();

    static Tenant summary(Tenant tenant) {
        Tenant summary = new Tenant();
        var metadata = tenant.getMetadata();
        summary.setMetadata(new ObjectMetaBuilder().withName(metadata.getName()).withUid(metadata.getUid())
                .withResourceVersion(metadata.getResourceVersion()).withGeneration(metadata.getGeneration())
                .withDeletionTimestamp(metadata.getDeletionTimestamp()).build());
        TenantSpec spec = new TenantSpec();
        spec.namespace = tenant.getSpec() == null ? null : tenant.getSpec().namespace;
        summary.setSpec(tenant.getSpec() == null ? null : spec);
        if (tenant.getStatus() != null) {
            TenantStatus status = new TenantStatus();
            status.runtime = tenant.getStatus().runtime;
            summary.setStatus(status);
        }
        return summary;
    }

    @Override
    public String getKey(Tenant tenant) {
        return Cache.metaNamespaceKeyFunc(tenant);
    }

    @Override
    public Tenant put(String key, Tenant tenant) {
        return items.put(key, summary(tenant));
    }

    @Override
    public Tenant remove(String key) {
        return items.remove(key);
    }

    @Override
    public Stream<String> keySet() {
        return items.keySet().stream();
    }

    @Override
    public Stream<Tenant> values() {
        return items.values().stream();
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public Tenant get(String key) {
        return items.get(key);
    }
}
