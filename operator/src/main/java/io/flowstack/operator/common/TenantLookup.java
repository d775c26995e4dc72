package io.flowstack.operator.common;

import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;

/** Which Tenant a namespace belongs to, from the controller's cache of Tenants. */
public final class TenantLookup {
    private TenantLookup() {
    }

    @SuppressWarnings("unchecked")
    public static <P extends HasMetadata> Optional<Tenant> forNamespace(Context<P> context, String namespace) {
        InformerEventSource<Tenant, P> tenants = (InformerEventSource<Tenant, P>) context.eventSourceRetriever()
                .getEventSourceFor(Tenant.class);
        return tenants.list(t -> t.getSpec() != null && namespace.equals(t.targetNamespace())).findFirst();
    }
}
