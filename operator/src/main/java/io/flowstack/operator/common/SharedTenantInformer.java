package io.flowstack.operator.common;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.javaoperatorsdk.operator.OperatorException;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one informer of Tenant summaries ({@link TenantSummaries}) that the namespaced kinds' controllers share, one per
 * client: one watch of Tenants and one cache of them instead of one per controller (each watch event was decoded, and
 * each Tenant kept, three times). Indexed by the namespace a Tenant's stack runs in. Started when its first user
 * starts, closed when its last user stops. Its one event handler passes each event to every user's handler on the same
 * thread (they map a Tenant to the controller's objects and queue events for them, no I/O): the informer's own
 * distribution would hand each event to another thread once per handler.
 */
final class SharedTenantInformer {
    private static final Logger LOG = LoggerFactory.getLogger(SharedTenantInformer.class);
    private static final String BY_TARGET_NAMESPACE = "flowstack.io/target-namespace";
    private static final Map<KubernetesClient, SharedTenantInformer> BY_CLIENT = new IdentityHashMap<>();

    private final KubernetesClient client;
    private final SharedIndexInformer<Tenant> informer;
    private final CompletableFuture<Void> started;
    private final List<ResourceEventHandler<Tenant>> handlers = new CopyOnWriteArrayList<>();
    private int users;

    private SharedTenantInformer(KubernetesClient client, boolean stopOnStartupError) {
        this.client = client;
        this.informer = client.resources(Tenant.class).runnableInformer(0);
        informer.itemStore(new TenantSummaries());
        informer.addIndexers(Map.of(BY_TARGET_NAMESPACE,
                tenant -> tenant.getSpec() == null ? List.of() : List.of(tenant.targetNamespace())));
        if (!stopOnStartupError) {
            // as the SDK's own informers: keep retrying, except on an object that cannot be read
            informer.exceptionHandler((reconnecting, error) -> !ExceptionHandler.isDeserializationException(error));
        }
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Tenant tenant) {
                each(handler -> handler.onAdd(tenant));
            }

            @Override
            public void onUpdate(Tenant before, Tenant tenant) {
                each(handler -> handler.onUpdate(before, tenant));
            }

            @Override
            public void onDelete(Tenant tenant, boolean finalStateUnknown) {
                each(handler -> handler.onDelete(tenant, finalStateUnknown));
            }
        });
        this.started = informer.start().toCompletableFuture();
    }

    /**
     * The shared informer of {@code client}, started if this is its first user, once its cache holds every Tenant
     * (or, when {@code stopOnStartupError} is off, once {@code syncTimeout} has passed: it keeps retrying, as the SDK's
     * informers do). Each call is matched by one {@link #release}.
     */
    static SharedTenantInformer acquire(KubernetesClient client, Duration syncTimeout, boolean stopOnStartupError) {
        SharedTenantInformer shared;
        synchronized (BY_CLIENT) {
            shared = BY_CLIENT.computeIfAbsent(client, c -> new SharedTenantInformer(c, stopOnStartupError));
            shared.users++;
        }
        try {
            shared.started.get(syncTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            if (stopOnStartupError) {
                shared.release();
                throw new OperatorException("Couldn't start the informer of tenants.flowstack.io", e);
            }
            LOG.warn("The informer of tenants.flowstack.io has not synced yet; it keeps retrying", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shared.release();
            throw new OperatorException("Interrupted while starting the informer of tenants.flowstack.io", e);
        }
        return shared;
    }

    /** One user less; the last closes the informer. */
    void release() {
        synchronized (BY_CLIENT) {
            if (--users > 0) {
                return;
            }
            BY_CLIENT.remove(client, this);
        }
        informer.close();
    }

    /** Passes an event to every handler; one that fails does not keep it from the others. */
    private void each(java.util.function.Consumer<ResourceEventHandler<Tenant>> event) {
        for (ResourceEventHandler<Tenant> handler : handlers) {
            try {
                event.accept(handler);
            } catch (RuntimeException e) {
                LOG.error("A handler of Tenant events failed", e);
            }
        }
    }

    /** {@code handler} hears of every Tenant event from now on (not of the Tenants already cached). */
    void addHandler(ResourceEventHandler<Tenant> handler) {
        handlers.add(handler);
    }

    void removeHandler(ResourceEventHandler<Tenant> handler) {
        handlers.remove(handler);
    }

    /** The Tenant whose stack runs in {@code namespace}, as its summary. */
    Optional<Tenant> forNamespace(String namespace) {
        return informer.getIndexer().byIndex(BY_TARGET_NAMESPACE, namespace).stream().findFirst();
    }

    /** Whether the informer is started, has synced and is watching. */
    boolean healthy() {
        return informer.isRunning() && informer.hasSynced() && informer.isWatching();
    }
}
