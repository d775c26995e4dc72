package io.flowstack.runtime.service;

import io.agroal.api.AgroalDataSource;
import io.flowstack.crds.manifest.Finding;
import io.flowstack.runtime.crypto.Sealer;
import io.flowstack.runtime.definitions.Definitions;
import io.flowstack.runtime.engine.Engine;
import io.flowstack.runtime.engine.DurableWorkflows;
import io.flowstack.runtime.engine.ExecutionStarter;
import io.flowstack.runtime.engine.Heartbeat;
import io.flowstack.runtime.integrations.IntegrationSteps;
import io.flowstack.runtime.engine.Schedules;
import io.flowstack.runtime.integrations.IntegrationAdapters;
import io.flowstack.runtime.http.OutboundHttp;
import io.flowstack.runtime.integrations.MountedIntegrations;
import io.flowstack.runtime.metrics.EngineMetrics;
import io.flowstack.runtime.metrics.PoolMetrics;
import io.flowstack.runtime.store.ExecutionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.jboss.logging.Logger;

/** Wires the engine into the service: migrates the database, loads definitions, runs the work loop. */
@ApplicationScoped
public class RuntimeService {
    private static final Logger LOG = Logger.getLogger(RuntimeService.class);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    RuntimeSettings settings;
    @Inject
    MeterRegistry registry;

    private final Clock clock = Clock.systemUTC();
    private ExecutionStore store;
    private Definitions definitions;
    private Engine engine;
    private MountedIntegrations integrations;
    private IntegrationAdapters adapters;
    private Schedules schedules;
    private ExecutionStarter starter;
    private EngineMetrics metrics;
    private Heartbeat heartbeat;
    private ExecutorService worker;
    private volatile boolean running;
    private Set<String> reportedProblems = new HashSet<>();
    private OutboundHttp http;

    void start(@Observes StartupEvent event) throws IOException {
        ExecutionStore.migrate(dataSource);
        byte[] previous = settings.previousEncryptionKey().map(Sealer::decodeKey).orElse(null);
        store = new ExecutionStore(dataSource, new Sealer(Sealer.decodeKey(settings.encryptionKey()), previous));
        definitions = new Definitions(settings.definitionsDir());
        report(definitions.reload().problems());
        metrics = new EngineMetrics(registry, store);
        PoolMetrics.register(registry, dataSource);
        http = OutboundHttp.client();
        integrations = new MountedIntegrations(definitions, settings.secretsDir());
        adapters = new IntegrationAdapters(http);
        starter = new ExecutionStarter(store);
        engine = new Engine(store, new DurableWorkflows(definitions, store.revisions()), new IntegrationSteps(integrations, http), http, clock,
                settings.replica() + "-" + UUID.randomUUID(), RandomGenerator.getDefault(), metrics, settings.lease());
        heartbeat = Heartbeat.start(engine, e -> LOG.warnf("could not renew leases: %s", e.getMessage()));
        schedules = new Schedules(store, definitions);
        running = true;
        if (settings.maintenance()) {
            LOG.infof("runtime of tenant %s is in maintenance mode: API and webhooks answer 503, nothing runs",
                    settings.tenant());
        }
        // workers claim disjoint executions (SKIP LOCKED), so they run side by side without coordination
        worker = Executors.newFixedThreadPool(settings.workers(), r -> new Thread(r, "flowstack-engine"));
        for (int i = 0; i < settings.workers(); i++) {
            worker.submit(this::workLoop);
        }
        LOG.infof("runtime of tenant %s started: %d workflow(s) from %s", settings.tenant(), definitions.all().size(),
                settings.definitionsDir());
    }

    /**
     * A graceful stop: claim nothing more, let the steps in flight end (each execution is handed back after its
     * current step) within the grace, then hand back the leases of what did not end, so another replica continues at
     * once instead of waiting out the lease.
     */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (engine != null) {
            engine.stop();
        }
        if (worker != null) {
            worker.shutdown();
            if (!worker.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.infof("%d execution(s) still in flight after %s: handing them back", engine.held(),
                        settings.shutdownGrace());
            }
            try {
                engine.releaseAll();
            } catch (RuntimeException e) {
                LOG.warnf("could not hand leases back (they lapse in %s): %s", settings.lease(), e.getMessage());
            }
            worker.shutdownNow();
        }
        if (heartbeat != null) {
            heartbeat.close();
        }
        if (http != null) {
            http.close();
        }
    }

    private void workLoop() {
        while (running) {
            try {
                if (settings.maintenance() || engine.tick(settings.batch()) == 0) {
                    Thread.sleep(settings.idlePoll().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.errorf("engine round failed, retrying: %s", e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Reads the definitions again when a file changed; an invalid one keeps the running revision. */
    @Scheduled(every = "2s", delayed = "2s")
    void reload() throws IOException {
        if (definitions != null) {
            definitions.reloadIfChanged().ifPresent(reload -> {
                if (!reload.changed().isEmpty()) {
                    LOG.infof("deployed new revision(s) of %s", reload.changed());
                }
                report(reload.problems());
            });
        }
    }

    /** Starts the executions of schedule ticks that have come (one per tick, whichever replica sees it first). */
    @Scheduled(every = "5s", delayed = "1s")
    void fireSchedules() {
        if (schedules != null && !settings.maintenance()) {
            schedules.fire(clock.instant());
        }
    }

    /** Keeps each workflow's history to its executionHistoryLimit (often, so that each pass has little to delete). */
    @Scheduled(every = "10s", delayed = "10s")
    void pruneHistory() {
        if (definitions != null) {
            definitions.all().forEach((name, deployed) -> {
                store.history().prune(name, deployed.workflow().getSpec().executionHistoryLimitOrDefault());
            });
            store.revisions().prune(Duration.ofDays(1));
            store.deliveries().forget(clock.instant(), settings.webhookReplayWindow());
        }
    }

    /** Logs each problem once when it appears, and once when it is gone. */
    private synchronized void report(List<Finding> problems) {
        Set<String> now = new HashSet<>();
        problems.forEach(p -> now.add(p.format()));
        now.stream().filter(p -> !reportedProblems.contains(p)).forEach(p -> LOG.warnf("invalid definition: %s", p));
        reportedProblems.stream().filter(p -> !now.contains(p)).forEach(p -> LOG.infof("fixed: %s", p));
        reportedProblems = now;
    }

    /** Starts executions for the API and webhooks (schedules have their own). */
    public ExecutionStarter starter() {
        return starter;
    }

    public ExecutionStore store() {
        return store;
    }

    public MountedIntegrations integrations() {
        return integrations;
    }

    public IntegrationAdapters adapters() {
        return adapters;
    }

    public Definitions definitions() {
        return definitions;
    }

    public EngineMetrics metrics() {
        return metrics;
    }

    public Clock clock() {
        return clock;
    }
}
