package io.flowstack.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.javaoperatorsdk.operator.api.config.ConfigurationService;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.health.Status;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.EventHandler;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.util.Optional;
import java.util.Set;

/**
 * The Tenants a namespaced kind's controller sees: summaries from the informer those controllers share
 * ({@link SharedTenantInformer}). A Tenant's change (it appears, its namespace or its runtime's readiness changes, it
 * goes) wakes the controller's objects in the Tenant's namespace; a primary's Tenant is the one whose stack runs in the
 * primary's namespace.
 */
public final class TenantEventSource<P extends HasMetadata> extends AbstractEventSource<Tenant, P>
        implements ResourceEventHandler<Tenant> {
    private final KubernetesClient client;
    private final IndexerResourceCache<P> primaries;
    private final ConfigurationService configuration;
    private volatile SharedTenantInformer shared;

    public TenantEventSource(EventSourceContext<P> context) {
        super(Tenant.class, "tenants");
        this.client = context.getClient();
        this.primaries = context.getPrimaryCache();
        this.configuration = context.getControllerConfiguration().getConfigurationService();
    }

    @Override
    public synchronized void start() {
        if (shared != null) {
            return;
        }
        shared = SharedTenantInformer.acquire(client, configuration.cacheSyncTimeout(),
                configuration.stopOnInformerErrorDuringStartup());
        shared.addHandler(this);
        super.start();
    }

    @Override
    public synchronized void stop() {
        super.stop();
        if (shared != null) {
            shared.removeHandler(this);
            shared.release();
            shared = null;
        }
    }

    /** The Tenant whose stack runs in {@code namespace}, as its summary. */
    public Optional<Tenant> forNamespace(String namespace) {
        SharedTenantInformer informer = shared;
        return informer == null ? Optional.empty() : informer.forNamespace(namespace);
    }

    @Override
    public Set<Tenant> getSecondaryResources(P primary) {
        return forNamespace(primary.getMetadata().getNamespace()).map(Set::of).orElse(Set.of());
    }

    @Override
    public Status getStatus() {
        SharedTenantInformer informer = shared;
        return informer != null && informer.healthy() ? Status.HEALTHY : Status.UNHEALTHY;
    }

    @Override
    public void onAdd(Tenant tenant) {
        wake(tenant);
    }

    @Override
    public void onUpdate(Tenant before, Tenant tenant) {
        wake(tenant);
        if (before != null && before.getSpec() != null && tenant.getSpec() != null
                && !before.targetNamespace().equals(tenant.targetNamespace())) {
            wake(before);   // the namespace it left
        }
    }

    @Override
    public void onDelete(Tenant tenant, boolean finalStateUnknown) {
        wake(tenant);
    }

    /** An event for each of the controller's objects in the namespace of {@code tenant}'s stack. */
    private void wake(Tenant tenant) {
        EventHandler handler = getEventHandler();
        if (!isRunning() || handler == null || tenant.getSpec() == null) {
            return;
        }
        primaries.list(tenant.targetNamespace()).map(ResourceID::fromResource)
                .forEach(id -> handler.handleEvent(new Event(id)));
    }
}
