package io.flowstack.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.javaoperatorsdk.operator.OperatorException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Tenants a namespaced kind's controller sees: the Tenant controller's, lent by the operator's {@link TenantRelay}.
 * A Tenant's change (it appears, its namespace or its runtime's readiness changes, it goes) wakes the controller's
 * objects in the Tenant's namespace; a primary's Tenant is the one whose stack runs in the primary's namespace.
 */
public final class TenantEventSource<P extends HasMetadata> extends AbstractEventSource<Tenant, P>
        implements ResourceEventHandler<Tenant> {
    private static final Logger LOG = LoggerFactory.getLogger(TenantEventSource.class);
    private final TenantRelay relay;
    private final IndexerResourceCache<P> primaries;
    private final ConfigurationService configuration;

    public TenantEventSource(EventSourceContext<P> context, TenantRelay relay) {
        super(Tenant.class, "tenants");
        this.relay = relay;
        this.primaries = context.getPrimaryCache();
        this.configuration = context.getControllerConfiguration().getConfigurationService();
    }

    /**
     * Hears the relay's events from now on, once the Tenant controller's cache has synced (the SDK starts the
     * controllers side by side), so that no object of this controller is reconciled against a Tenant cache still
     * filling. As the SDK's informers: not synced within the cache sync timeout, it fails the start if the operator
     * stops on informer errors at start, and otherwise goes on (unhealthy until the cache syncs).
     */
    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        relay.addHandler(this);
        boolean synced;
        try {
            synced = relay.awaitSynced(configuration.cacheSyncTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            relay.removeHandler(this);
            throw new OperatorException("Interrupted while waiting for the Tenant controller's cache of Tenants", e);
        }
        if (!synced) {
            if (configuration.stopOnInformerErrorDuringStartup()) {
                relay.removeHandler(this);
                throw new OperatorException("The Tenant controller's cache of tenants.flowstack.io did not sync within "
                        + configuration.cacheSyncTimeout() + " (is the Tenant controller registered and can it list"
                        + " Tenants?)");
            }
            LOG.warn("The Tenant controller's cache of tenants.flowstack.io has not synced yet; going on");
        }
        super.start();
    }

    @Override
    public synchronized void stop() {
        super.stop();
        relay.removeHandler(this);
    }

    /** The Tenant whose stack runs in {@code namespace}. */
    public Optional<Tenant> forNamespace(String namespace) {
        return relay.forNamespace(namespace);
    }

    @Override
    public Set<Tenant> getSecondaryResources(P primary) {
        return forNamespace(primary.getMetadata().getNamespace()).map(Set::of).orElse(Set.of());
    }

    @Override
    public Status getStatus() {
        return isRunning() && relay.healthy() ? Status.HEALTHY : Status.UNHEALTHY;
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
