package io.flowstack.operator.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import java.util.Objects;

/** Removes a Tenant's owner reference from an object, so that it outlives the Tenant. */
final class Orphaning {
    private Orphaning() {
    }

    static <R extends HasMetadata> void release(Resource<R> resource, Tenant tenant) {
        R current = resource.get();
        if (current == null || current.getMetadata().getOwnerReferences() == null
                || current.getMetadata().getOwnerReferences().stream()
                .noneMatch(o -> Objects.equals(o.getUid(), tenant.getMetadata().getUid()))) {
            return;
        }
        resource.edit(r -> {
            r.getMetadata().getOwnerReferences().removeIf(o -> Objects.equals(o.getUid(), tenant.getMetadata().getUid()));
            return r;
        });
    }
}
