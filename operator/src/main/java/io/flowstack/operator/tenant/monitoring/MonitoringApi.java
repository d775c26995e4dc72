package io.flowstack.operator.tenant.monitoring;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flowstack.crds.v1alpha1.tenant.MonitoringSpec;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Whether the cluster serves the Prometheus operator's kinds (ServiceMonitor, PrometheusRule in
 * {@code monitoring.coreos.com/v1}), from API discovery, which needs no permission on CRDs. Asked at start and every
 * interval after; when the answer changes (the Prometheus operator installed or removed), every Tenant with
 * monitoring enabled is reconciled, so its objects appear without a restart of the operator.
 */
public class MonitoringApi {
    public static final String GROUP_VERSION = "monitoring.coreos.com/v1";
    static final Set<String> KINDS = Set.of("servicemonitors", "prometheusrules");
    private static final Logger LOG = Logger.getLogger(MonitoringApi.class);
    private final Duration interval;
    private volatile Boolean installed;

    public MonitoringApi(Duration interval) {
        this.interval = interval;
    }

    /** The last answer, asked now if there is none yet. */
    public boolean installed(KubernetesClient client) {
        Boolean known = installed;
        return known != null ? known : refresh(client);
    }

    /** Asks the API server; returns the answer and keeps it. */
    synchronized boolean refresh(KubernetesClient client) {
        boolean now;
        try {
            APIResourceList resources = client.getApiResources(GROUP_VERSION);
            now = resources != null && resources.getResources().stream().map(APIResource::getName)
                    .collect(Collectors.toSet()).containsAll(KINDS);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                LOG.warnf("cannot tell whether %s is served (%s); taken as not installed", GROUP_VERSION,
                        e.getMessage());
            }
            now = false;
        }
        if (installed != null && installed != now) {
            LOG.infof("the Prometheus operator's kinds are %s", now ? "served now" : "no longer served");
        }
        installed = now;
        return now;
    }

    /** The event source that wakes the tenants when the answer changes. */
    public SimpleInboundEventSource<Tenant> eventSource(KubernetesClient client, Supplier<List<Tenant>> tenants) {
        return new SimpleInboundEventSource<>("monitoring-api") {
            private ScheduledExecutorService poller;

            @Override
            public synchronized void start() {
                super.start();
                poller = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "flowstack-monitoring-api");
                    thread.setDaemon(true);
                    return thread;
                });
                poller.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(),
                        TimeUnit.MILLISECONDS);
            }

            private void check() {
                try {
                    Boolean before = installed;
                    if (before != null && before != refresh(client)) {
                        tenants.get().stream().filter(t -> t.getSpec() != null
                                && MonitoringSpec.enabled(t.getSpec().monitoring))
                                .forEach(t -> propagateEvent(ResourceID.fromResource(t)));
                    }
                } catch (RuntimeException e) {
                    LOG.warnf("checking for the Prometheus operator failed, going on: %s", e.getMessage());
                }
            }

            @Override
            public synchronized void stop() {
                if (poller != null) {
                    poller.shutdownNow();
                }
                super.stop();
            }
        };
    }
}
