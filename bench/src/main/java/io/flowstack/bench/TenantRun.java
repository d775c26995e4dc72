package io.flowstack.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowstack.crds.v1alpha1.common.ConditionStatus;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.tenant.TenantMetrics;
import io.flowstack.operator.testing.TestingCluster;
import io.flowstack.operator.testing.TestingOperator;
import io.flowstack.operator.testing.TestingWorkloads;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One measured run of the tenant benchmark: N Tenants created at once on a cluster of their own, followed until all are
 * Ready, then the operator restarted to count what a steady-state resync writes.
 */
final class TenantRun {
    record Result(double seconds, long operatorWrites, long otherWrites, Map<String, Long> byResource, long resyncWrites,
                          long resyncReconciles, double operatorHeapMiB, Map<String, Long> requests, long reconciles,
                          double cpuSeconds, double resyncSeconds, double resyncCpuSeconds, Map<String, Double> cpuParts,
                          double gcSeconds, double jitSeconds, double compilerCpu, double gcCpu,
                          double resyncReconcileCpuSeconds, double settledReconcileCpuSeconds, long settledReconciles,
                          long settledWrites) {
    }

    /** CPU and time counters at the start of a run. */
    private record Start(long nanos, double cpu, double serverCpu, ThreadCpu threads, Map<String, Long> os, double gc,
                         double jit) {
        static Start now(TestingCluster cluster) {
            return new Start(System.nanoTime(), JvmStats.processCpuSeconds(), cluster.dispatcher().cpuSeconds(),
                    ThreadCpu.snapshot(), ThreadCpu.osTicks(), JvmStats.gcSeconds(), JvmStats.jitSeconds());
        }
    }

    private TenantRun() {
    }

    static Result reconcileAll(int tenants, Tenant template) throws Exception {
        try (TestingCluster cluster = new TestingCluster()) {
            KubernetesClient client = cluster.client();
            long baseline = cluster.writes();
            TestingWorkloads workloads = new TestingWorkloads(client).start();
            TestingOperator operator = TestingOperator.asShipped(client).start();
            Start start = Start.now(cluster);
            ExecutorService creators = create(client, tenants, template);
            awaitReady(client, cluster, operator, tenants, start.nanos(), baseline);
            double seconds = (System.nanoTime() - start.nanos()) / 1e9;
            double cpuSeconds = JvmStats.processCpuSeconds() - start.cpu();
            Map<String, Double> cpuByThreads = ThreadCpu.snapshot().since(start.threads());
            creators.shutdown();
            double serverCpu = cluster.dispatcher().cpuSeconds() - start.serverCpu();
            double[] compilerAndGc = ThreadCpu.compilerAndGc(start.os(), ThreadCpu.osTicks());
            double gc = JvmStats.gcSeconds() - start.gc();
            double jit = JvmStats.jitSeconds() - start.jit();
            Map<String, Long> requests = cluster.dispatcher().requestsByVerb();
            long reconciles = operator.reconciliations();
            System.out.println("until all Ready, " + stackReconciles(operator, tenants));
            workloads.close();
            Thread.sleep(2000);
            Map<String, Long> byResource = cluster.dispatcher().writesByResource();
            long external = tenants + byResource.getOrDefault("deployments/status", 0L)
                    + byResource.getOrDefault("statefulsets/status", 0L);
            long operatorWrites = cluster.writes() - baseline - external;
            byResource.remove("deployments/status");
            byResource.remove("statefulsets/status");
            byResource.merge("tenants", -(long) tenants, Long::sum);
            byResource.remove("customresourcedefinitions");
            double heapWithOperator = JvmStats.usedHeapAfterGc();
            if (Boolean.getBoolean("bench.histogram")) {   // what the heap holds, by class (top 40)
                Object histogram = java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                        new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                        "gcClassHistogram", new Object[] {null}, new String[] {String[].class.getName()});
                histogram.toString().lines().limit(43).forEach(System.out::println);
            }
            operator.close();
            double heapWithoutOperator = JvmStats.usedHeapAfterGc();
            double[] resync = resync(client, cluster, tenants);
            return new Result(seconds, operatorWrites, external, byResource, (long) resync[2], (long) resync[3],
                    Math.max(heapWithOperator - heapWithoutOperator, 0), requests, reconciles, cpuSeconds, resync[0],
                    resync[1], CpuParts.of(cpuSeconds, serverCpu, cpuByThreads), gc, jit, compilerAndGc[0],
                    compilerAndGc[1], resync[4], resync[5], (long) resync[6], (long) resync[7]);
        }
    }

    /**
     * Creates the Tenants from a pool of client threads and returns the pool once every create is done, still running:
     * its threads' CPU is counted only while they live, so the caller shuts it down after counting.
     */
    private static ExecutorService create(KubernetesClient client, int tenants, Tenant template) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(TenantBench.CLIENT_THREADS,
                r -> new Thread(r, "bench-client"));
        java.util.List<java.util.concurrent.Future<?>> creates = new java.util.ArrayList<>();
        for (int i = 0; i < tenants; i++) {
            String name = String.format(Locale.ROOT, "t%04d", i);
            creates.add(pool.submit(() -> {
                Tenant tenant = MockFloors.copy(template);
                tenant.getMetadata().setName(name);
                client.resource(tenant).create();
            }));
        }
        for (java.util.concurrent.Future<?> done : creates) {
            done.get(10, TimeUnit.MINUTES);
        }
        return pool;
    }

    /**
     * Follows readiness through a watch, like any client would, not by listing every Tenant in a loop (a list of 1000
     * Tenants twice a second would be load on the mock that the operator does not cause).
     */
    private static void awaitReady(KubernetesClient client, TestingCluster cluster, TestingOperator operator,
                                   int tenants, long start, long baseline) throws InterruptedException {
        Set<String> readyNames = ConcurrentHashMap.newKeySet();
        SharedIndexInformer<Tenant> watch = client.resources(Tenant.class).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Tenant tenant) {
                onUpdate(null, tenant);
            }

            @Override
            public void onUpdate(Tenant before, Tenant tenant) {
                if (isReady(tenant)) {
                    readyNames.add(tenant.getMetadata().getName());
                }
            }

            @Override
            public void onDelete(Tenant tenant, boolean unknown) {
                readyNames.remove(tenant.getMetadata().getName());
            }
        });
        int ready;
        long lastReport = 0;
        while ((ready = readyNames.size()) < tenants) {
            long elapsed = System.nanoTime() - start;
            if (elapsed > TimeUnit.MINUTES.toNanos(20)) {
                throw new IllegalStateException("only " + ready + " of " + tenants + " Ready after 20 minutes");
            }
            if (elapsed - lastReport > TimeUnit.SECONDS.toNanos(2)) {
                lastReport = elapsed;
                System.out.printf(Locale.ROOT, "  %5.1f s: %d Ready, %d reconciliations, %d operator writes%n",
                        elapsed / 1e9, ready, operator.reconciliations(), cluster.writes() - baseline);
            }
            Thread.sleep(500);
        }
        watch.close();
    }

    /**
     * Steady state: a fresh operator reconciles every Tenant again and must find nothing to write. Returns its time,
     * CPU, writes and reconciliations.
     */
    private static double[] resync(KubernetesClient client, TestingCluster cluster, int tenants) throws Exception {
        long beforeResync = cluster.writes();
        long resyncStart = System.nanoTime();
        double resyncCpuStart = JvmStats.processCpuSeconds();
        ThreadCpu threadsBefore = ThreadCpu.snapshot();
        TestingOperator restarted = TestingOperator.asShipped(client).start();
        while (restarted.reconciliations() < tenants && System.nanoTime() - resyncStart < TimeUnit.MINUTES.toNanos(5)) {
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - resyncStart) / 1e9;
        double cpu = JvmStats.processCpuSeconds() - resyncCpuStart;
        // the reconciles themselves: the restarted operator's reconcile and workflow threads
        double reconcileCpu = reconcileThreads(ThreadCpu.snapshot().since(threadsBefore));
        Thread.sleep(2000);
        long writes = cluster.writes() - beforeResync;
        long reconciles = restarted.reconciliations();
        System.out.println("resync, " + stackReconciles(restarted, tenants));
        // after a restart each stack is taken as settled from its Tenant's status.stackFingerprint; a
        // running operator's reconciles of unchanged Tenants (a status another controller wrote, a periodic one) find
        // the stack settled: every tenant's runtime Deployment gets a status condition, as its controller would write
        // one (a Tenant's own label or annotation would be a change: its objects carry them)
        long beforeMarks = restarted.reconciliations();
        ThreadCpu settledBefore = ThreadCpu.snapshot();
        ExecutorService marking = markRuntimesProgressing(client, tenants);
        long markStart = System.nanoTime();
        while (restarted.reconciliations() < beforeMarks + tenants
                && System.nanoTime() - markStart < TimeUnit.MINUTES.toNanos(5)) {
            Thread.sleep(20);
        }
        double settledCpu = reconcileThreads(ThreadCpu.snapshot().since(settledBefore));
        long settledReconciles = restarted.reconciliations() - beforeMarks;
        marking.shutdown();
        Thread.sleep(2000);
        long settledWrites = cluster.writes() - beforeResync - writes - tenants;   // the marks are the bench's
        System.out.println("settled round, " + stackReconciles(restarted, tenants));
        restarted.close();
        return new double[] {seconds, cpu, writes, reconciles, reconcileCpu, settledCpu, settledReconciles,
                settledWrites};
    }

    /** CPU of the operator's reconcile and workflow threads in {@code byThreads}. */
    private static double reconcileThreads(Map<String, Double> byThreads) {
        return byThreads.entrySet().stream()
                .filter(e -> e.getKey().startsWith("ReconcilerExecutor") || e.getKey().startsWith("WorkflowExecutor"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /**
     * Writes a condition into the status of every tenant's runtime Deployment (readiness unchanged) from a pool of
     * client threads; returns the pool, still running, when done.
     */
    private static ExecutorService markRuntimesProgressing(KubernetesClient client, int tenants) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(TenantBench.CLIENT_THREADS,
                r -> new Thread(r, "bench-client"));
        java.util.List<java.util.concurrent.Future<?>> marks = new java.util.ArrayList<>();
        for (int i = 0; i < tenants; i++) {
            String name = String.format(Locale.ROOT, "t%04d", i);
            marks.add(pool.submit(() -> client.apps().deployments()
                    .inNamespace(io.flowstack.crds.v1alpha1.tenant.Tenant.DEFAULT_NAMESPACE_PREFIX + name)
                    .withName(io.flowstack.operator.common.StackNames.RUNTIME).subresource("status").patch(
                            io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                                    io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                            "{\"status\":{\"conditions\":[{\"type\":\"Progressing\",\"status\":\"True\","
                                    + "\"reason\":\"NewReplicaSetAvailable\"}]}}")));
        }
        for (java.util.concurrent.Future<?> done : marks) {
            done.get(10, TimeUnit.MINUTES);
        }
        return pool;
    }

    /** How many of the Tenant reconciles ran the dependents and how many found the stack settled, per tenant. */
    private static String stackReconciles(TestingOperator operator, int tenants) {
        var registry = operator.registry();
        return String.format(Locale.ROOT, "stack reconciles per tenant: %.2f applied, %.2f settled",
                registry.counter(TenantMetrics.STACK_RECONCILES, "result", "applied").count() / tenants,
                registry.counter(TenantMetrics.STACK_RECONCILES, "result", "settled").count() / tenants);
    }

    static boolean isReady(Tenant tenant) {
        return tenant.getStatus() != null && Conditions.find(tenant.getStatus().conditions, "Ready")
                .map(c -> c.status == ConditionStatus.True).orElse(false);
    }
}
