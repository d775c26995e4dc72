package io.flowstack.bench;

import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.tenant.TenantObjects;
import io.flowstack.operator.tenant.desired.OfflineInputs;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowstack.crds.v1alpha1.common.ConditionStatus;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.testing.TestingCluster;
import io.flowstack.operator.testing.TestingOperator;
import io.flowstack.operator.testing.TestingWorkloads;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N Tenants created at once against the in-process mock server (with the server-side-apply double), reconciled by the
 * operator as shipped. Prints tenants/s until all are Ready, writes per tenant, writes in a steady-state resync
 * (operator restarted, every Tenant reconciled again), operator heap after GC and, in the same run, the mock's raw
 * write rate, which bounds the absolute figures.
 */
public final class TenantBench {
    private static final int CLIENT_THREADS = 16;

    public static void main(String[] args) throws Exception {
        BenchLogging.configure();
        int tenants = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Tenant template = Examples.tenant("acme.yaml");
        template.getSpec().namespace = null;
        int objectsPerTenant = TenantObjects.of(template, OfflineInputs.of(template, OperatorSettings.defaults(),
                b -> "x")).size();
        System.out.printf("tenants: %d, objects per tenant: %d, cores: %d%n", tenants, objectsPerTenant,
                Runtime.getRuntime().availableProcessors());

        // a JVM that has never run the operator spends a third of the run's CPU compiling it (JIT); the floors below
        // run in a JVM that is warm by then. A warm-up round on a cluster of its own makes the comparison like for
        // like, and is what a long-running operator sees when a burst of Tenants arrives.
        int warmup = Integer.getInteger("bench.warmup", tenants);
        if (warmup > 0) {
            System.out.printf("warm-up: %d tenants on a separate cluster (not measured)%n", warmup);
            Result warm = reconcileAll(warmup, template);
            System.out.printf(Locale.ROOT, "warm-up done: %.1f s, %.1f ms CPU per tenant%n", warm.seconds(),
                    warm.cpuSeconds() * 1000 / warmup);
        }
        Result run = reconcileAll(tenants, template);
        // the floor time is for every write the mock stored in the run: the operator's, the Tenants' creates and the
        // readiness fake's status writes (the "total writes / raw write rate")
        long totalWrites = run.operatorWrites() + run.otherWrites();
        double floorRate = rawWriteRate(totalWrites);
        double floorSeconds = totalWrites / floorRate;
        double applyRate = rawApplyRate(totalWrites, template, false);
        double applySeconds = totalWrites / applyRate;
        double watchedRate = rawApplyRate(totalWrites, template, true);
        double watchedSeconds = totalWrites / watchedRate;

        System.out.println();
        System.out.println("| measure | value |");
        System.out.println("| --- | --- |");
        row("tenants reconciled to Ready", Integer.toString(tenants));
        row("JVM warmed up first with", warmup + " tenants (-Dbench.warmup)");
        row("time until all Ready", String.format(Locale.ROOT, "%.1f s", run.seconds()));
        row("tenants/s", String.format(Locale.ROOT, "%.1f", tenants / run.seconds()));
        row("operator writes per tenant", String.format(Locale.ROOT, "%.2f (objects %d + finalizer + status)",
                run.operatorWrites() / (double) tenants, objectsPerTenant));
        row("operator writes by resource", run.byResource().toString());
        row("reconciliations per tenant", String.format(Locale.ROOT, "%.2f", run.reconciles() / (double) tenants));
        StringBuilder requests = new StringBuilder();
        run.requests().forEach((k, v) -> {
            if (v >= tenants / 10) {
                requests.append(requests.length() == 0 ? "" : ", ").append(k).append(' ')
                        .append(String.format(Locale.ROOT, "%.2f", v / (double) tenants));
            }
        });
        row("requests per tenant, all clients (verb resource count)", requests.toString());
        row("CPU until all Ready (the whole JVM: mock, double, operator, fake, clients)", String.format(Locale.ROOT,
                "%.1f s, %.1f ms per tenant, %.2f cores busy", run.cpuSeconds(), run.cpuSeconds() * 1000 / tenants,
                run.cpuSeconds() / run.seconds()));
        run.cpuParts().forEach((part, cpu) -> row("CPU: " + part, String.format(Locale.ROOT,
                "%.1f s, %.1f ms per tenant, %.0f%%", cpu, cpu * 1000 / tenants, 100 * cpu / run.cpuSeconds())));
        row("of which, by the OS's count: JIT compiler threads / GC threads (VM thread included)",
                String.format(Locale.ROOT, "%.1f s / %.1f s", run.compilerCpu(), run.gcCpu()));
        row("as the JVM reports them: GC pauses / JIT compilation time", String.format(Locale.ROOT, "%.1f s / %.1f s",
                run.gcSeconds(), run.jitSeconds()));
        row("resync after a restart: informers' initial lists + one reconcile of every unchanged Tenant",
                String.format(Locale.ROOT, "%.1f s, CPU %.1f s (%.1f ms per tenant)", run.resyncSeconds(),
                        run.resyncCpuSeconds(), run.resyncCpuSeconds() * 1000 / tenants));
        row("writes in steady-state resync (" + run.resyncReconciles() + " reconciles)", Long.toString(run.resyncWrites()));
        row("operator heap after GC", String.format(Locale.ROOT, "%.0f MiB", run.operatorHeapMiB()));
        row("mock raw write rate (floor)", String.format(Locale.ROOT, "%.0f writes/s (%d threads, %d objects)",
                floorRate, CLIENT_THREADS, totalWrites));
        row("total writes in the run: operator + Tenant creates and readiness fake", String.format(Locale.ROOT,
                "%d: %d + %d", totalWrites, run.operatorWrites(), run.otherWrites()));
        row("floor time (total writes / raw rate)", String.format(Locale.ROOT, "%.1f s", floorSeconds));
        row("total time / floor time", String.format(Locale.ROOT, "%.2fx", run.seconds() / floorSeconds));
        row("mock apply rate: the stacks' objects applied by a client, no operator", String.format(Locale.ROOT,
                "%.0f writes/s (%d threads, %d objects)", applyRate, CLIENT_THREADS, totalWrites));
        row("apply floor time (total writes / apply rate)", String.format(Locale.ROOT, "%.1f s", applySeconds));
        row("total time / apply floor time", String.format(Locale.ROOT, "%.2fx", run.seconds() / applySeconds));
        row("watched apply rate: the same applies while one informer per kind receives them, no operator",
                String.format(Locale.ROOT, "%.0f writes/s", watchedRate));
        row("watched apply floor time (total writes / watched apply rate)", String.format(Locale.ROOT, "%.1f s",
                watchedSeconds));
        row("raw floor time / watched apply floor time (what applying and watching cost over a bare create)",
                String.format(Locale.ROOT, "%.2f", floorSeconds / watchedSeconds));
        row("total time / watched apply floor time", String.format(Locale.ROOT, "%.2fx", run.seconds() / watchedSeconds));
        System.exit(0);
    }

    private record Result(double seconds, long operatorWrites, long otherWrites, Map<String, Long> byResource, long resyncWrites,
                          long resyncReconciles, double operatorHeapMiB, Map<String, Long> requests, long reconciles,
                          double cpuSeconds, double resyncSeconds, double resyncCpuSeconds, Map<String, Double> cpuParts,
                          double gcSeconds, double jitSeconds, double compilerCpu, double gcCpu) {
    }

    /**
     * The run's CPU by part: the server's request handling (measured inside the double: the double, the mock's store
     * and its watch fan-out), the rest of the event-loop threads (HTTP on both ends, the informers' watch decoding),
     * the operator's reconcile threads, the readiness fake, the bench's clients and what no live thread accounts for
     * (GC, JIT).
     */
    private static Map<String, Double> cpuParts(double total, double server, Map<String, Double> byThreads) {
        Map<String, Double> parts = new java.util.LinkedHashMap<>();
        double eventLoops = 0;
        double reconcilers = 0;
        double fake = 0;
        double bench = 0;
        double handlers = 0;
        double others = 0;
        for (Map.Entry<String, Double> group : byThreads.entrySet()) {
            String name = group.getKey();
            if (name.startsWith("vert.x-eventloop")) {
                eventLoops += group.getValue();
            } else if (name.startsWith("ReconcilerExecutor") || name.startsWith("WorkflowExecutor")
                    || name.startsWith("pool-")) {
                reconcilers += group.getValue();
            } else if (name.startsWith("testing-workloads")) {
                fake += group.getValue();
            } else if (name.startsWith("-N-pool-N-thread-N")) {
                // the clients' executors (fabric8 names them after the owning object): informers hand events to their
                // handlers there, and async calls complete there
                handlers += group.getValue();
            } else if (name.startsWith("bench-") || name.equals("main")) {
                bench += group.getValue();
            } else {
                others += group.getValue();
            }
        }
        parts.put("server: requests answered (double, mock store, watch fan-out)", server);
        parts.put("event loops otherwise (HTTP both ends, informers decoding watch events)", eventLoops - server);
        parts.put("operator reconcile threads", reconcilers);
        parts.put("client executors (informer event handlers, async callbacks)", handlers);
        parts.put("readiness fake", fake);
        parts.put("bench clients and main", bench);
        parts.put("other threads", others);
        parts.put("no live thread (GC, JIT, ended threads)", total - eventLoops - reconcilers - fake - bench - handlers
                - others);
        System.out.println("CPU by thread group: " + byThreads);
        return parts;
    }

    private static Result reconcileAll(int tenants, Tenant template) throws Exception {
        try (TestingCluster cluster = new TestingCluster()) {
            KubernetesClient client = cluster.client();
            long baseline = cluster.writes();
            TestingWorkloads workloads = new TestingWorkloads(client).start();
            TestingOperator operator = new TestingOperator(client).start();
            long start = System.nanoTime();
            double cpuStart = processCpuSeconds();
            double serverCpuStart = cluster.dispatcher().cpuSeconds();
            ThreadCpu threadsStart = ThreadCpu.snapshot();
            Map<String, Long> osStart = ThreadCpu.osTicks();
            double gcStart = gcSeconds();
            double jitStart = jitSeconds();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS, r -> new Thread(r, "bench-client"));
            for (int i = 0; i < tenants; i++) {
                String name = String.format(Locale.ROOT, "t%04d", i);
                pool.submit(() -> {
                    Tenant tenant = copy(template);
                    tenant.getMetadata().setName(name);
                    client.resource(tenant).create();
                });
            }
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.MINUTES);
            int ready;
            long lastReport = 0;
            // readiness is followed through a watch, like any client would, not by listing every Tenant in a loop
            // (a list of 1000 Tenants twice a second would be load on the mock that the operator does not cause)
            Set<String> readyNames = ConcurrentHashMap.newKeySet();
            SharedIndexInformer<Tenant> watch = client.resources(Tenant.class).inform(new ResourceEventHandler<>() {
                @Override
                public void onAdd(Tenant tenant) {
                    track(tenant);
                }

                @Override
                public void onUpdate(Tenant before, Tenant tenant) {
                    track(tenant);
                }

                @Override
                public void onDelete(Tenant tenant, boolean unknown) {
                    readyNames.remove(tenant.getMetadata().getName());
                }

                private void track(Tenant tenant) {
                    if (isReady(tenant)) {
                        readyNames.add(tenant.getMetadata().getName());
                    }
                }
            });
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
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = processCpuSeconds() - cpuStart;
            Map<String, Double> cpuByThreads = ThreadCpu.snapshot().since(threadsStart);
            double serverCpu = cluster.dispatcher().cpuSeconds() - serverCpuStart;
            double[] compilerAndGc = ThreadCpu.compilerAndGc(osStart, ThreadCpu.osTicks());
            double gc = gcSeconds() - gcStart;
            double jit = jitSeconds() - jitStart;
            Map<String, Long> requests = cluster.dispatcher().requestsByVerb();
            long reconciles = operator.reconciliations();
            watch.close();
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

            double heapWithOperator = usedHeapAfterGc();
            operator.close();
            double heapWithoutOperator = usedHeapAfterGc();

            // steady state: a fresh operator reconciles every Tenant again and must find nothing to write
            long beforeResync = cluster.writes();
            long resyncStart = System.nanoTime();
            double resyncCpuStart = processCpuSeconds();
            TestingOperator restarted = new TestingOperator(client).start();
            while (restarted.reconciliations() < tenants && System.nanoTime() - resyncStart < TimeUnit.MINUTES.toNanos(5)) {
                Thread.sleep(20);
            }
            double resyncSeconds = (System.nanoTime() - resyncStart) / 1e9;
            double resyncCpu = processCpuSeconds() - resyncCpuStart;
            Thread.sleep(2000);
            long resyncWrites = cluster.writes() - beforeResync;
            long resyncReconciles = restarted.reconciliations();
            restarted.close();
            return new Result(seconds, operatorWrites, external, byResource, resyncWrites, resyncReconciles,
                    Math.max(heapWithOperator - heapWithoutOperator, 0), requests, reconciles, cpuSeconds, resyncSeconds,
                    resyncCpu, cpuParts(cpuSeconds, serverCpu, cpuByThreads), gc, jit, compilerAndGc[0],
                    compilerAndGc[1]);
        }
    }

    /** The mock's own write rate: the same number of creates from a client pool, no operator. */
    private static double rawWriteRate(long writes) throws Exception {
        try (TestingCluster cluster = new TestingCluster()) {
            KubernetesClient client = cluster.client();
            String payload = "x".repeat(2048);
            AtomicInteger next = new AtomicInteger();
            int namespaces = 100;
            ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
            long start = System.nanoTime();
            for (int t = 0; t < CLIENT_THREADS; t++) {
                pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < writes) {
                        client.configMaps().inNamespace("ns" + (i % namespaces)).resource(new ConfigMapBuilder()
                                .withNewMetadata().withName("cm" + i).endMetadata()
                                .addToData("payload", payload).build()).create();
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.MINUTES);
            return writes / ((System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * The mock's rate for the writes the operator makes: the objects of the same stacks (the operator's own
     * {@code desired()}), server-side applied with the operator's field manager from a client pool, through the same
     * double, with no operator and no readiness fake. What separates the run from this is the operator: its reconciles,
     * informers, status and the readiness fake's writes. {@code watched}: one informer per kind of object (what any
     * operator with informer-backed dependents holds) is open, and the time runs until every informer has received
     * every object; what separates the run from that is the operator's own work.
     */
    private static double rawApplyRate(long writes, Tenant template, boolean watched) throws Exception {
        try (TestingCluster cluster = new TestingCluster()) {
            KubernetesClient client = cluster.client();
            java.util.List<java.util.List<io.fabric8.kubernetes.api.model.HasMetadata>> stacks = new java.util.ArrayList<>();
            long planned = 0;
            for (int i = 0; planned < writes; i++) {
                Tenant tenant = copy(template);
                tenant.getMetadata().setName(String.format(Locale.ROOT, "t%04d", i));
                java.util.List<io.fabric8.kubernetes.api.model.HasMetadata> objects =
                        TenantObjects.of(tenant, OfflineInputs.of(tenant, OperatorSettings.defaults(),
                                b -> "x".repeat(b)));
                objects = objects.subList(0, (int) Math.min(objects.size(), writes - planned));
                planned += objects.size();
                stacks.add(objects);
            }
            java.util.List<SharedIndexInformer<?>> informers = new java.util.ArrayList<>();
            Map<Class<?>, Long> expected = new java.util.HashMap<>();
            if (watched) {
                stacks.forEach(stack -> stack.forEach(o -> expected.merge(o.getClass(), 1L, Long::sum)));
                for (Class<?> kind : expected.keySet()) {
                    @SuppressWarnings("unchecked")
                    Class<io.fabric8.kubernetes.api.model.HasMetadata> type =
                            (Class<io.fabric8.kubernetes.api.model.HasMetadata>) kind;
                    informers.add(client.resources(type).inAnyNamespace().inform());
                }
            }
            AtomicInteger next = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
            long start = System.nanoTime();
            for (int t = 0; t < CLIENT_THREADS; t++) {
                pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < stacks.size()) {
                        for (io.fabric8.kubernetes.api.model.HasMetadata object : stacks.get(i)) {
                            try {
                                client.resource(object).fieldManager(OperatorSettings.FIELD_MANAGER)
                                        .forceConflicts().serverSideApply();
                            } catch (RuntimeException e) {
                                failures.incrementAndGet();
                            }
                        }
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.MINUTES);
            for (SharedIndexInformer<?> informer : informers) {
                long want = expected.get(informer.getApiTypeClass());
                while (informer.getStore().list().size() < want) {
                    if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(30)) {
                        throw new IllegalStateException(informer.getApiTypeClass().getSimpleName() + ": "
                                + informer.getStore().list().size() + " of " + want + " seen");
                    }
                    Thread.sleep(10);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            informers.forEach(SharedIndexInformer::close);
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " of " + planned + " applies failed");
            }
            return planned / seconds;
        }
    }

    private static boolean isReady(Tenant tenant) {
        return tenant.getStatus() != null && Conditions.find(tenant.getStatus().conditions, "Ready")
                .map(c -> c.status == ConditionStatus.True).orElse(false);
    }

    private static Tenant copy(Tenant template) {
        return io.fabric8.kubernetes.client.utils.Serialization.clone(template);
    }

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static double gcSeconds() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum() / 1e3;
    }

    private static double jitSeconds() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() / 1e3 : 0;
    }

    private static double usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    private static void row(String measure, String value) {
        System.out.println("| " + measure + " | " + value + " |");
    }
}
