package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.ManagedInformerEventSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A tenant's object looked up by name in the cache of the event source that watches its kind. The SDK's own
 * {@code getSecondaryResource} collects every object of the kind that maps to the Tenant into a set (hashing each
 * object in full) and then picks one by name; a reconcile asks this about twenty times, so the direct lookup is a
 * measurable part of the operator's CPU (see docs/benchmarks.md). Both read the same cache, recent writes included.
 * The event source itself is looked up once per controller and dependent: the SDK's lookup builds its key from the
 * kind's canonical name, through reflection, on every call.
 */
public final class Secondaries {
    private static volatile Sources sources;

    private Secondaries() {
    }

    /** The object named {@code name} in the tenant's namespace (or the cluster-scoped object, for a null namespace). */
    public static <R extends HasMetadata> Optional<R> find(Context<Tenant> context, Class<R> type,
                                                           TenantDependentKey eventSource, ResourceID id) {
        EventSource<R, Tenant> source = source(context.eventSourceRetriever(), type, eventSource);
        if (source instanceof ManagedInformerEventSource<R, Tenant, ?> informer) {
            return informer.get(id);
        }
        return context.getSecondaryResources(type).stream().filter(r -> ResourceID.fromResource(r).equals(id))
                .findFirst();
    }

    /**
     * The controller's event source named {@code key}: the SDK's answer, kept for the controller it came from (one
     * Tenant controller per operator; another one, as in tests that start several, replaces what is kept). A type
     * other than the key's own is not kept, so the SDK refuses it as before.
     */
    @SuppressWarnings("unchecked")
    static <R extends HasMetadata> EventSource<R, Tenant> source(EventSourceRetriever<Tenant> retriever, Class<R> type,
                                                                 TenantDependentKey key) {
        if (type != key.type()) {
            return retriever.getEventSourceFor(type, key.key());
        }
        Sources kept = sources;
        if (kept == null || kept.retriever != retriever) {
            kept = new Sources(retriever);
            sources = kept;
        }
        EventSource<?, Tenant> source = kept.byKey.get(key.ordinal());
        if (source == null) {
            source = retriever.getEventSourceFor(type, key.key());
            kept.byKey.set(key.ordinal(), source);
        }
        return (EventSource<R, Tenant>) source;
    }

    /** One controller's event sources, by dependent. */
    private static final class Sources {
        private final EventSourceRetriever<Tenant> retriever;
        private final AtomicReferenceArray<EventSource<?, Tenant>> byKey =
                new AtomicReferenceArray<>(TenantDependentKey.values().length);

        private Sources(EventSourceRetriever<Tenant> retriever) {
            this.retriever = retriever;
        }
    }
}
