package io.flowstack.bench;

import io.flowstack.operator.testing.OfflineStacks;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.tenant.TenantObjects;
import io.flowstack.operator.tenant.desired.OfflineInputs;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.testing.TestingCluster;
import java.util.Locale;
import java.util.Map;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What the mock server alone manages: its raw create rate, and its server-side-apply rate with and without watchers. */
final class MockFloors {
    private static final int CLIENT_THREADS = TenantBench.CLIENT_THREADS;

    private MockFloors() {
    }

    /** One floor's measurement: how many objects, in how long, with how much of the JVM's CPU. */
    record Floor(long objects, double seconds, double cpuSeconds, Map<String, Double> cpuParts) {
        double rate() {
            return objects / seconds;
        }
    }

    /** The mock's own write rate: the same number of creates from a client pool, no operator. */
    static double rawWriteRate(long writes) throws Exception {
        try (TestingCluster cluster = new TestingCluster()) {
            KubernetesClient client = cluster.client();
            String payload = "x".repeat(2048);
            AtomicInteger next = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            int namespaces = 100;
            // the double refuses creates in a namespace that does not exist, as the API server does: without these
            // every create failed at once and the "floor" was a rate of refusals
            for (int n = 0; n < namespaces; n++) {
                client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                        .withName("ns" + n).endMetadata().build()).create();
            }
            ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
            long start = System.nanoTime();
            for (int t = 0; t < CLIENT_THREADS; t++) {
                pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < writes) {
                        try {
                            client.configMaps().inNamespace("ns" + (i % namespaces)).resource(new ConfigMapBuilder()
                                    .withNewMetadata().withName("cm" + i).endMetadata()
                                    .addToData("payload", payload).build()).create();
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                        }
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.MINUTES);
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " of " + writes + " creates failed");
            }
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
    static Floor rawApply(long writes, Tenant template, boolean watched) throws Exception {
        try (TestingCluster cluster = new TestingCluster()) {
            KubernetesClient client = cluster.client();
            java.util.List<java.util.List<io.fabric8.kubernetes.api.model.HasMetadata>> stacks = stacks(writes,
                    template);
            long planned = stacks.stream().mapToLong(java.util.List::size).sum();
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
            ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS, r -> new Thread(r, "bench-floor"));
            long start = System.nanoTime();
            double cpuStart = JvmStats.processCpuSeconds();
            double serverStart = cluster.dispatcher().cpuSeconds();
            ThreadCpu threadsStart = ThreadCpu.snapshot();
            java.util.List<java.util.concurrent.Future<?>> clients = new java.util.ArrayList<>();
            for (int t = 0; t < CLIENT_THREADS; t++) {
                clients.add(pool.submit(() -> {
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
                }));
            }
            for (java.util.concurrent.Future<?> done : clients) {
                done.get(30, TimeUnit.MINUTES);
            }
            awaitInformers(informers, expected, start);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = JvmStats.processCpuSeconds() - cpuStart;
            // the clients' threads still live, so their CPU is counted as theirs
            Map<String, Double> parts = CpuParts.of(cpuSeconds, cluster.dispatcher().cpuSeconds() - serverStart,
                    ThreadCpu.snapshot().since(threadsStart));
            pool.shutdown();
            informers.forEach(SharedIndexInformer::close);
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " of " + planned + " applies failed");
            }
            return new Floor(planned, seconds, cpuSeconds, parts);
        }
    }

    /** The objects of as many stacks as make {@code writes} objects, built by the operator's own builders. */
    private static java.util.List<java.util.List<io.fabric8.kubernetes.api.model.HasMetadata>> stacks(long writes,
                                                                                                 Tenant template) {
        java.util.List<java.util.List<io.fabric8.kubernetes.api.model.HasMetadata>> stacks = new java.util.ArrayList<>();
        long planned = 0;
        for (int i = 0; planned < writes; i++) {
            Tenant tenant = copy(template);
            tenant.getMetadata().setName(String.format(Locale.ROOT, "t%04d", i));
            java.util.List<io.fabric8.kubernetes.api.model.HasMetadata> objects =
                OfflineStacks.objects(tenant, b -> "x".repeat(b));
            objects = objects.subList(0, (int) Math.min(objects.size(), writes - planned));
            planned += objects.size();
            stacks.add(objects);
        }
        return stacks;
    }

    /** Waits until every informer holds every object of its kind. */
    private static void awaitInformers(java.util.List<SharedIndexInformer<?>> informers, Map<Class<?>, Long> expected,
                                       long start) throws InterruptedException {
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
    }

    static Tenant copy(Tenant template) {
        return io.fabric8.kubernetes.client.utils.Serialization.clone(template);
    }
}
