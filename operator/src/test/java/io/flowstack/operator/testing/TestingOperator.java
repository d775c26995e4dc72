package io.flowstack.operator.testing;

import io.flowstack.operator.backup.BackupMetrics;
import io.flowstack.operator.tenant.monitoring.MonitoringApi;
import io.flowstack.operator.backup.BackupPolicyReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.common.TenantRelay;
import io.flowstack.operator.tenant.TenantMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.flowstack.operator.tenant.TenantReconciler;
import io.flowstack.operator.integration.IntegrationReconciler;
import io.flowstack.operator.workflow.WorkflowReconciler;
import io.flowstack.operator.tenant.desired.SecretValues;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.time.Clock;
import java.time.Duration;
import io.flowstack.operator.runtimeapi.RuntimeApi;
import io.flowstack.operator.runtimeapi.RuntimeApiSettings;

/** The Tenant controller run by plain JOSDK against a {@link TestingCluster}, with server-side apply as shipped. */
public final class TestingOperator implements AutoCloseable {
    /** The same thread counts as the shipped configuration (operator/src/main/resources/application.properties). */
    static final int RECONCILIATION_THREADS = 50;
    static final int WORKFLOW_THREADS = 64;
    /** How often the operator asks whether the Prometheus operator's kinds are served (60 s in production). */
    public static final java.time.Duration MONITORING_CHECK = java.time.Duration.ofMillis(500);
    /** The shipped {@code flowstack.monitoring.check-interval}'s default. */
    public static final java.time.Duration SHIPPED_MONITORING_CHECK = java.time.Duration.ofSeconds(60);
    private final Operator operator;
    private final AtomicLong reconciliations = new AtomicLong();
    private final Map<String, AtomicLong> byResource = new java.util.concurrent.ConcurrentHashMap<>();
    private final MeterRegistry registry = new SimpleMeterRegistry();

    /** No runtime answers in reconcile tests: a closed local port, refused at once. */
    public static final RuntimeApiSettings NO_RUNTIME = new RuntimeApiSettings("http://127.0.0.1:1/{namespace}",
            Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofSeconds(2));

    public TestingOperator(KubernetesClient client, OperatorSettings settings, SecretValues values, Clock clock) {
        this(client, settings, values, clock, NO_RUNTIME);
    }

    public TestingOperator(KubernetesClient client, OperatorSettings settings, SecretValues values, Clock clock,
                           RuntimeApiSettings runtimeApi) {
        this(client, settings, values, clock, runtimeApi, null);
    }

    /** @param leaderElection the shipped configuration's Lease, or null to run without leader election */
    public TestingOperator(KubernetesClient client, OperatorSettings settings, SecretValues values, Clock clock,
                           RuntimeApiSettings runtimeApi,
                           io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration leaderElection) {
        this(client, settings, values, clock, runtimeApi, leaderElection, MONITORING_CHECK);
    }

    /**
     * The operator as the benchmarks run it: the shipped defaults, and the monitoring API asked as often as shipped
     * ({@link #SHIPPED_MONITORING_CHECK}), not every {@link #MONITORING_CHECK} as tests need it (each ask lists the
     * CustomResourceDefinitions in the mock: a cost the shipped operator does not have).
     */
    public static TestingOperator asShipped(KubernetesClient client) {
        return new TestingOperator(client, OperatorSettings.defaults(), SecretValues.secure(), Clock.systemUTC(),
                NO_RUNTIME, null, SHIPPED_MONITORING_CHECK);
    }

    private TestingOperator(KubernetesClient client, OperatorSettings settings, SecretValues values, Clock clock,
                            RuntimeApiSettings runtimeApi,
                            io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration leaderElection,
                            Duration monitoringCheck) {
        Metrics counting = new Metrics() {
            @Override
            public void reconciliationExecutionFinished(HasMetadata resource, Map<String, Object> metadata) {
                reconciliations.incrementAndGet();
                byResource.computeIfAbsent(key(resource.getKind(), resource.getMetadata().getNamespace(),
                        resource.getMetadata().getName()), k -> new AtomicLong()).incrementAndGet();
            }
        };
        operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(true)
                .withSSABasedCreateUpdateMatchForDependentResources(true)
                .withMetrics(counting)
                .withConcurrentReconciliationThreads(RECONCILIATION_THREADS)
                .withConcurrentWorkflowExecutorThreads(WORKFLOW_THREADS)
                // the SDK's own pools (fixed, of these sizes), with names: a thread the bench counts is the operator's
                // by its name, and the SDK's default names ("pool-N-thread-N") are also the mock server's
                .withExecutorService(Executors.newFixedThreadPool(RECONCILIATION_THREADS, named("ReconcilerExecutor")))
                .withWorkflowExecutorService(Executors.newFixedThreadPool(WORKFLOW_THREADS, named("WorkflowExecutor")))
                .withLeaderElectionConfiguration(leaderElection));
        TenantRelay tenants = new TenantRelay();
        operator.register(new TenantReconciler(settings, values, clock, new TenantMetrics(registry),
                new MonitoringApi(monitoringCheck), tenants));
        RuntimeApi api = new RuntimeApi(runtimeApi);
        // the namespaced controllers watch what the shipped configuration gives them (application.properties)
        Set<String> namespaces = settings.watched().informerNamespaces();
        operator.register(new WorkflowReconciler(clock, api, tenants), o -> o.settingNamespaces(namespaces));
        operator.register(new IntegrationReconciler(clock, api, tenants), o -> o.settingNamespaces(namespaces));
        operator.register(new BackupPolicyReconciler(settings, clock, new BackupMetrics(registry), tenants),
                o -> o.settingNamespaces(namespaces));
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicLong next = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    public TestingOperator(KubernetesClient client) {
        this(client, OperatorSettings.defaults(), SecretValues.secure(), Clock.systemUTC());
    }

    /** The operator's Flowstack metrics (flowstack_tenants). */
    public MeterRegistry registry() {
        return registry;
    }

    /** Reconciliations finished since start (successful or not). */
    public long reconciliations() {
        return reconciliations.get();
    }

    /** Reconciliations of one resource finished since start ({@code namespace} null for cluster-scoped ones). */
    public long reconciliations(Class<? extends HasMetadata> kind, String namespace, String name) {
        AtomicLong count = byResource.get(key(HasMetadata.getKind(kind), namespace, name));
        return count == null ? 0 : count.get();
    }

    /**
     * Runs {@code action} and waits until each resource has finished a reconciliation that began after it: the proof
     * that the reconcile a test is about ran, before the test asserts what it wrote (or did not).
     */
    public void awaitReconciled(java.time.Duration timeout, Runnable action, Class<? extends HasMetadata> kind,
                                String namespace, java.util.Collection<String> names) {
        Map<String, Long> before = new java.util.HashMap<>();
        names.forEach(name -> before.put(name, reconciliations(kind, namespace, name)));
        action.run();
        Eventually.within(timeout, () -> names.forEach(name -> org.assertj.core.api.Assertions
                .assertThat(reconciliations(kind, namespace, name)).as("reconciliations of %s", name)
                .isGreaterThan(before.get(name))));
    }

    private static String key(String kind, String namespace, String name) {
        return kind + "/" + namespace + "/" + name;
    }

    public TestingOperator start() {
        operator.start();
        return this;
    }

    @Override
    public void close() {
        operator.stop();
    }
}
