package io.flowstack.operator.common;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.flowstack.crds.v1alpha1.tenant.Tenant;

/** Object metadata of a tenant's objects: name, the tenant's namespace and the standard labels; nothing else. */
public final class ObjectMetas {
    private ObjectMetas() {
    }

    public static ObjectMeta of(Tenant tenant, String name, String component) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(tenant.targetNamespace())
                .withLabels(Labels.of(tenant, component))
                .build();
    }
}
