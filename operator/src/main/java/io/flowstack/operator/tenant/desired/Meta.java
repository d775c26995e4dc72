package io.flowstack.operator.tenant.desired;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.TenantLabels;

/** Object metadata of a tenant's objects: name, the tenant's namespace and the standard labels; nothing else. */
final class Meta {
    private Meta() {
    }

    static ObjectMeta of(Tenant tenant, String name, String component) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(tenant.targetNamespace())
                .withLabels(TenantLabels.of(tenant, component))
                .build();
    }
}
