package io.flowstack.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Optional;

/** Which Tenant a namespace belongs to, from the controller's {@link TenantEventSource}. */
public final class TenantLookup {
    private TenantLookup() {
    }

    @SuppressWarnings("unchecked")
    public static <P extends HasMetadata> Optional<Tenant> forNamespace(Context<P> context, String namespace) {
        return ((TenantEventSource<P>) context.eventSourceRetriever().getEventSourceFor(Tenant.class))
                .forNamespace(namespace);
    }
}
