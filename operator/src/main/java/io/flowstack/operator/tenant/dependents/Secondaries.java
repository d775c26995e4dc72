package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.ManagedInformerEventSource;
import java.util.Optional;

/**
 * A tenant's object looked up by name in the cache of the event source that watches its kind. The SDK's own
 * {@code getSecondaryResource} collects every object of the kind that maps to the Tenant into a set (hashing each
 * object in full) and then picks one by name; a reconcile asks this about twenty times, so the direct lookup is a
 * measurable part of the operator's CPU (see docs/benchmarks.md). Both read the same cache, recent writes included.
 */
public final class Secondaries {
    private Secondaries() {
    }

    /** The object named {@code name} in the tenant's namespace (or the cluster-scoped object, for a null namespace). */
    public static <R extends HasMetadata> Optional<R> find(Context<Tenant> context, Class<R> type,
                                                           TenantDependentKey eventSource, ResourceID id) {
        EventSource<R, Tenant> source = context.eventSourceRetriever().getEventSourceFor(type, eventSource.key());
        if (source instanceof ManagedInformerEventSource<R, Tenant, ?> informer) {
            return informer.get(id);
        }
        return context.getSecondaryResources(type).stream().filter(r -> ResourceID.fromResource(r).equals(id))
                .findFirst();
    }
}
