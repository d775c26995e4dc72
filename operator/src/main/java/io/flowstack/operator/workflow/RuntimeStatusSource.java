package io.flowstack.operator.workflow;

import io.flowstack.contract.api.ApiError;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.operator.runtimeapi.RuntimeApi;
import io.flowstack.contract.api.WorkflowState;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Polls each tenant runtime that runs workflows for their state, one request per runtime per interval (up to
 * {@link #PARALLEL_REQUESTS} runtimes at a time), and wakes the reconciler only for the workflows whose report changed (a new revision loaded, an execution ran). A runtime that
 * cannot be asked is asked again after a growing pause (up to 10 minutes); its last reports are kept meanwhile.
 */
final class RuntimeStatusSource extends SimpleInboundEventSource<Workflow> {
    private static final Logger LOG = Logger.getLogger(RuntimeStatusSource.class);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    private final RuntimeApi api;
    private final KubernetesClient client;
    private final Supplier<List<Workflow>> workflows;
    private final Function<String, Optional<Tenant>> tenantOf;
    private final Clock clock;
    private final Map<String, Map<String, WorkflowState>> reports = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private ScheduledExecutorService poller;
    /** Runtimes are asked side by side, so a slow one delays no other by more than the request timeout. */
    private volatile java.util.concurrent.ExecutorService askers;
    static final int PARALLEL_REQUESTS = 4;

    private record Failure(int count, Instant retryAt, String message) {
    }

    private final Set<String> maintenance = java.util.concurrent.ConcurrentHashMap.newKeySet();

    RuntimeStatusSource(RuntimeApi api, KubernetesClient client, IndexerResourceCache<Workflow> workflows,
                        Function<String, Optional<Tenant>> tenantOf, Clock clock) {
        this(api, client, () -> workflows.list().toList(), tenantOf, clock);
    }

    /** @param workflows every Workflow the controller knows (its primary cache) */
    RuntimeStatusSource(RuntimeApi api, KubernetesClient client, Supplier<List<Workflow>> workflows,
                        Function<String, Optional<Tenant>> tenantOf, Clock clock) {
        super("runtime-status");
        this.api = api;
        this.client = client;
        this.workflows = workflows;
        this.tenantOf = tenantOf;
        this.clock = clock;
        this.askers = newAskers();
    }

    private static java.util.concurrent.ExecutorService newAskers() {
        return Executors.newFixedThreadPool(PARALLEL_REQUESTS, r -> {
            Thread thread = new Thread(r, "flowstack-runtime-status-request");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public synchronized void start() {
        super.start();
        if (askers.isShutdown()) {
            askers = newAskers();
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "flowstack-runtime-status");
            thread.setDaemon(true);
            return thread;
        });
        long interval = api.settings().statusInterval().toMillis();
        poller.scheduleWithFixedDelay(this::pollAll, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
        }
        askers.shutdownNow();
        super.stop();
    }

    /** The runtime's last report of a workflow, if its runtime was reached. */
    Optional<WorkflowState> report(String namespace, String name) {
        return Optional.ofNullable(reports.getOrDefault(namespace, Map.of()).get(name));
    }

    /** Whether the runtime of a namespace last answered that it is in maintenance mode. */
    boolean inMaintenance(String namespace) {
        return maintenance.contains(namespace);
    }

    /** Why the runtime of a namespace could not be asked lately, if it could not. */
    Optional<String> failure(String namespace) {
        return Optional.ofNullable(failures.get(namespace)).map(Failure::message);
    }

    void pollAll() {
        try {
            Set<String> namespaces = workflows.get().stream().map(w -> w.getMetadata().getNamespace())
                    .collect(Collectors.toSet());
            reports.keySet().retainAll(namespaces);
            List<java.util.concurrent.Callable<Void>> asks = new java.util.ArrayList<>();
            for (String namespace : namespaces) {
                asks.add(() -> {
                    poll(namespace);
                    return null;
                });
            }
            for (var done : askers.invokeAll(asks)) {
                try {
                    done.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    LOG.warnf("polling a runtime failed, going on: %s", e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf("polling the runtimes failed, going on: %s", e.getMessage());
        }
    }

    private void poll(String namespace) {
        Optional<Tenant> tenant = tenantOf.apply(namespace);
        if (tenant.isEmpty() || !runtimeReady(tenant.get())) {
            return;
        }
        Instant now = clock.instant();
        Failure failure = failures.get(namespace);
        if (failure != null && now.isBefore(failure.retryAt())) {
            return;
        }
        Map<String, WorkflowState> fresh;
        try {
            fresh = api.workflows(client, namespace);
        } catch (RuntimeApi.RuntimeApiException e) {
            boolean inMaintenance = e.status() == 503 && e.reason().filter(ApiError.Reasons.MAINTENANCE::equals)
                    .isPresent();
            if (inMaintenance != maintenance.contains(namespace)) {
                if (inMaintenance) {
                    maintenance.add(namespace);
                    LOG.infof("runtime of %s is in maintenance mode", namespace);
                } else {
                    maintenance.remove(namespace);
                }
                wakeAll(namespace);
            }
            int count = failure == null ? 1 : failure.count() + 1;
            Duration pause = api.settings().statusInterval().multipliedBy(1L << Math.min(count, 10));
            pause = pause.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : pause;
            failures.put(namespace, new Failure(count, now.plus(pause), e.getMessage()));
            if (failure == null && !inMaintenance) {
                LOG.warnf("runtime of %s: %s (asking again with backoff)", namespace, e.getMessage());
                wakeAll(namespace);   // their Ready condition says why now
            }
            return;
        }
        maintenance.remove(namespace);
        if (failures.remove(namespace) != null) {
            LOG.infof("runtime of %s answers again", namespace);
            wakeAll(namespace);
        }
        Map<String, WorkflowState> before = reports.put(namespace, Map.copyOf(fresh));
        Set<String> names = new HashSet<>(fresh.keySet());
        if (before != null) {
            names.addAll(before.keySet());
        }
        for (String name : names) {
            if (before == null || !Objects.equals(before.get(name), fresh.get(name))) {
                propagateEvent(new ResourceID(name, namespace));
            }
        }
    }

    private void wakeAll(String namespace) {
        workflows.get().stream().filter(w -> namespace.equals(w.getMetadata().getNamespace()))
                .forEach(w -> propagateEvent(new ResourceID(w.getMetadata().getName(), namespace)));
    }

    private static boolean runtimeReady(Tenant tenant) {
        return tenant.getStatus() != null && tenant.getStatus().runtime != null
                && Boolean.TRUE.equals(tenant.getStatus().runtime.ready);
    }
}
