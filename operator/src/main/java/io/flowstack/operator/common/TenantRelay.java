package io.flowstack.operator.common;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.health.EventSourceHealthIndicator;
import io.javaoperatorsdk.operator.health.Status;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Tenant controller's Tenants, lent to the namespaced kinds' controllers (Workflow, Integration, BackupPolicy):
 * its cache, indexed by the namespace each Tenant's stack runs in, and its events. One per operator (made by
 * {@code OperatorBeans}, given to the four reconcilers). The cluster sees one watch of Tenants, and the operator keeps
 * one copy of each: a second informer for the namespaced controllers decoded every Tenant event once more and made
 * the API server send it once more.
 *
 * <p>The Tenant controller hands its cache over in {@link #attach} (from its {@code prepareEventSources}); the source
 * returned there hears every event of that cache, before the controller's own filters (the SDK tells each of the
 * controller's event sources that is {@link ResourceEventAware}), and passes it to the handlers of the namespaced
 * controllers on the same thread (they map a Tenant to their objects and queue events, no I/O). It is started after
 * the controller's informer has synced; {@link #awaitSynced} waits for that. The Tenants handed out are the cache's
 * own objects: read them, never change them.
 */
public final class TenantRelay {
    private static final Logger LOG = LoggerFactory.getLogger(TenantRelay.class);
    /** The index of the Tenant controller's cache: a Tenant under the namespace its stack runs in. */
    static final String BY_TARGET_NAMESPACE = "flowstack.io/target-namespace";
    /** Creation timestamps are RFC 3339 in UTC: their text sorts as their time. */
    private static final Comparator<Tenant> OLDEST_FIRST = Comparator
            .comparing((Tenant t) -> String.valueOf(t.getMetadata().getCreationTimestamp()))
            .thenComparing(t -> t.getMetadata().getName());

    private final List<ResourceEventHandler<Tenant>> handlers = new CopyOnWriteArrayList<>();
    private volatile IndexerResourceCache<Tenant> cache;
    private volatile CompletableFuture<Void> synced = new CompletableFuture<>();

    /**
     * Takes the Tenant controller's cache (indexing it; before the controller starts) and returns the event source to
     * register with that controller.
     */
    public synchronized EventSource<Void, Tenant> attach(EventSourceContext<Tenant> context) {
        if (cache != null) {
            throw new IllegalStateException("a Tenant controller is attached to this relay already");
        }
        IndexerResourceCache<Tenant> primaries = context.getPrimaryCache();
        primaries.addIndexers(Map.of(BY_TARGET_NAMESPACE,
                tenant -> tenant.getSpec() == null ? List.of() : List.of(tenant.targetNamespace())));
        cache = primaries;
        return new Source();
    }

    /**
     * The Tenants whose stacks run in {@code namespace}, from the index (at most one is admitted there; one refused
     * for naming a namespace that is another's is cached too).
     */
    public List<Tenant> inNamespace(String namespace) {
        IndexerResourceCache<Tenant> primaries = cache;
        return primaries == null ? List.of() : primaries.byIndex(BY_TARGET_NAMESPACE, namespace);
    }

    /** The Tenant whose stack runs in {@code namespace}: the oldest, if two name it (the later one is refused). */
    public Optional<Tenant> forNamespace(String namespace) {
        return inNamespace(namespace).stream().min(OLDEST_FIRST);
    }

    /** {@code handler} hears of every Tenant event from now on (not of the Tenants already cached). */
    public void addHandler(ResourceEventHandler<Tenant> handler) {
        handlers.add(handler);
    }

    public void removeHandler(ResourceEventHandler<Tenant> handler) {
        handlers.remove(handler);
    }

    /**
     * Waits until the Tenant controller's cache holds every Tenant.
     *
     * @return whether it does
     */
    public boolean awaitSynced(Duration timeout) throws InterruptedException {
        try {
            synced.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        }
    }

    /** Whether the Tenant controller's informer has synced and is healthy. */
    public boolean healthy() {
        IndexerResourceCache<Tenant> primaries = cache;
        return synced.isDone() && (!(primaries instanceof EventSourceHealthIndicator indicator)
                || indicator.getStatus() == Status.HEALTHY);
    }

    private void each(Consumer<ResourceEventHandler<Tenant>> event) {
        for (ResourceEventHandler<Tenant> handler : handlers) {
            try {
                event.accept(handler);
            } catch (RuntimeException e) {
                LOG.error("A handler of Tenant events failed", e);
            }
        }
    }

    /** Registered with the Tenant controller: hears its cache's events and marks it synced when started. */
    private final class Source extends AbstractEventSource<Void, Tenant> implements ResourceEventAware<Tenant> {
        Source() {
            super(Void.class, "tenant-relay");
        }

        @Override
        public synchronized void start() {
            // the SDK starts a controller's own informer, and waits for it to sync, before its other event sources
            super.start();
            synced.complete(null);
        }

        @Override
        public synchronized void stop() {
            synced = new CompletableFuture<>();
            super.stop();
        }

        @Override
        public Set<Void> getSecondaryResources(Tenant primary) {
            return Set.of();
        }

        @Override
        public Status getStatus() {
            return healthy() ? Status.HEALTHY : Status.UNHEALTHY;
        }

        @Override
        public void onResourceCreated(Tenant tenant) {
            each(handler -> handler.onAdd(tenant));
        }

        @Override
        public void onResourceUpdated(Tenant tenant, Tenant before) {
            each(handler -> handler.onUpdate(before, tenant));
        }

        @Override
        public void onResourceDeleted(Tenant tenant) {
            each(handler -> handler.onDelete(tenant, false));
        }
    }
}
