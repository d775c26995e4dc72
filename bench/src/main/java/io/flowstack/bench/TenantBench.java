package io.flowstack.bench;

import io.flowstack.operator.testing.OfflineStacks;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.tenant.TenantObjects;
import io.flowstack.operator.tenant.desired.OfflineInputs;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.testing.Examples;
import java.util.Locale;

/**
 * N Tenants created at once against the in-process mock server (with the server-side-apply double), reconciled by the
 * operator as shipped. Prints tenants/s until all are Ready, writes per tenant, writes in a steady-state resync
 * (operator restarted, every Tenant reconciled again), operator heap after GC and, in the same run, the mock's raw
 * write rate, which bounds the absolute figures.
 */
public final class TenantBench {
    static final int CLIENT_THREADS = 16;
    /** How many times the watched-apply floor is measured; the median counts. */
    private static final int WATCHED_FLOORS = 3;
    private static final int WARMUP_ROUND = 1000;
    private static final int MAX_WARMUP_ROUNDS = 8;
    private static final double SETTLED_JIT_SHARE = 0.05;

    private TenantBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.configure();
        int tenants = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Tenant template = Examples.tenant("acme.yaml");
        template.getSpec().namespace = null;
        int objectsPerTenant = OfflineStacks.objects(template, b -> "x").size();
        System.out.printf("tenants: %d, objects per tenant: %d, cores: %d%n", tenants, objectsPerTenant,
                Runtime.getRuntime().availableProcessors());

        // a JVM that has never run the operator spends a third of the run's CPU compiling it (JIT); the floors below
        // run in a JVM that is warm by then. A warm-up round on a cluster of its own makes the comparison like for
        // like, and is what a long-running operator sees when a burst of Tenants arrives.
        int warmup = warmUp(Integer.getInteger("bench.warmup", tenants), template);
        // the measured run's bounds, to pick its samples out of a flight recording that also holds the warm-up
        System.out.println("measured run starts: " + java.time.Instant.now());
        TenantRun.Result run = TenantRun.reconcileAll(tenants, template);
        System.out.println("measured run ends: " + java.time.Instant.now());
        // the floor time is for every write the mock stored in the run: the operator's, the Tenants' creates and the
        // readiness fake's status writes (the "total writes / raw write rate")
        long totalWrites = run.operatorWrites() + run.otherWrites();
        double floorRate = MockFloors.rawWriteRate(totalWrites);
        double applyRate = MockFloors.rawApply(totalWrites, template, false).rate();
        // the floor the run is judged against, measured WATCHED_FLOORS times: its median time counts (one measurement
        // alone varied by +-12 % between runs of the same build, more than the run itself)
        java.util.List<MockFloors.Floor> watched = new java.util.ArrayList<>();
        for (int i = 0; i < WATCHED_FLOORS; i++) {
            watched.add(MockFloors.rawApply(totalWrites, template, true));
        }
        reportRun(run, tenants, warmup, objectsPerTenant);
        reportFloors(run, tenants, totalWrites, floorRate, applyRate, watched);
        System.exit(0);
    }


    /**
     * Warm-up rounds, each on a cluster of its own (not measured): the first of {@code first} tenants, then rounds of
     * up to {@value #WARMUP_ROUND} for as long as the JIT compiler's threads took more than {@value #SETTLED_JIT_SHARE}
     * of the JVM's CPU in the last one (at most {@value #MAX_WARMUP_ROUNDS} rounds). Returns the tenants reconciled.
     */
    private static int warmUp(int first, Tenant template) throws Exception {
        int done = 0;
        int round = first;
        for (int i = 0; i < MAX_WARMUP_ROUNDS && round > 0; i++) {
            System.out.printf("warm-up: %d tenants on a separate cluster (not measured)%n", round);
            TenantRun.Result warm = TenantRun.reconcileAll(round, template);
            done += round;
            double jitShare = warm.compilerCpu() / warm.cpuSeconds();
            System.out.printf(Locale.ROOT, "warm-up round done: %.1f s, %.1f ms CPU per tenant, JIT compiler %.0f %% of"
                    + " it%n", warm.seconds(), warm.cpuSeconds() * 1000 / round, jitShare * 100);
            if (jitShare <= SETTLED_JIT_SHARE) {
                break;
            }
            round = Math.min(first, WARMUP_ROUND);
        }
        return done;
    }

    private static void reportRun(TenantRun.Result run, int tenants, int warmup, int objectsPerTenant) {
        System.out.println();
        System.out.println("| measure | value |");
        System.out.println("| --- | --- |");
        row("tenants reconciled to Ready", Integer.toString(tenants));
        row("JVM warmed up first with", warmup + " tenants (-Dbench.warmup, then rounds until the JIT settled)");
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
        row("reconcile CPU per unchanged Tenant, settled (a status condition on each runtime Deployment, no restart:"
                + " reconcile and workflow threads / reconciles)", String.format(Locale.ROOT, "%.2f ms (%.2f s over %d reconciles, %d writes)",
                run.settledReconcileCpuSeconds() * 1000 / Math.max(1, run.settledReconciles()),
                run.settledReconcileCpuSeconds(), run.settledReconciles(), run.settledWrites()));
        row("reconcile CPU per unchanged Tenant after a restart (resync: each stack taken as settled from its"
                + " status.stackFingerprint; reconcile and workflow threads / tenants, and / reconciles)",
                String.format(Locale.ROOT, "%.2f ms per tenant, %.2f ms per reconcile (%.2f s over %d reconciles)",
                        run.resyncReconcileCpuSeconds() * 1000 / tenants, run.resyncReconcileCpuSeconds() * 1000
                                / Math.max(1, run.resyncReconciles()), run.resyncReconcileCpuSeconds(),
                        run.resyncReconciles()));
        row("reconcile CPU per new Tenant (reconcile and workflow threads until all Ready / tenants)",
                String.format(Locale.ROOT, "%.2f ms", run.cpuParts().getOrDefault("operator reconcile threads", 0.0)
                        * 1000 / tenants));
        row("writes in steady-state resync (" + run.resyncReconciles() + " reconciles)", Long.toString(run.resyncWrites()));
        row("operator heap after GC", String.format(Locale.ROOT, "%.0f MiB", run.operatorHeapMiB()));
    }

    private static void reportFloors(TenantRun.Result run, int tenants, long totalWrites, double floorRate, double applyRate,
                                     java.util.List<MockFloors.Floor> watched) {
        double floorSeconds = totalWrites / floorRate;
        double applySeconds = totalWrites / applyRate;
        java.util.List<MockFloors.Floor> byTime = watched.stream()
                .sorted(java.util.Comparator.comparingDouble(MockFloors.Floor::seconds)).toList();
        MockFloors.Floor median = byTime.get(byTime.size() / 2);
        double watchedRate = median.rate();
        double watchedSeconds = totalWrites / watchedRate;
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
                String.format(Locale.ROOT, "%.0f writes/s (median of %s writes/s)", watchedRate, watched.stream()
                        .map(f -> String.format(Locale.ROOT, "%.0f", f.rate()))
                        .collect(java.util.stream.Collectors.joining(", "))));
        row("watched apply floor CPU (the median's; whole JVM)", String.format(Locale.ROOT,
                "%.1f s, %.1f ms per tenant (as many writes as the run's), %.2f cores busy", median.cpuSeconds(),
                median.cpuSeconds() * 1000 / tenants, median.cpuSeconds() / median.seconds()));
        median.cpuParts().forEach((part, cpu) -> row("watched apply floor CPU: " + part, String.format(Locale.ROOT,
                "%.1f ms per tenant (run: %.1f)", cpu * 1000 / tenants,
                run.cpuParts().getOrDefault(part, 0.0) * 1000 / tenants)));
        row("run CPU / watched apply floor CPU", String.format(Locale.ROOT, "%.2fx", run.cpuSeconds()
                / (median.cpuSeconds() * totalWrites / median.objects())));
        row("watched apply floor time (total writes / watched apply rate)", String.format(Locale.ROOT, "%.1f s",
                watchedSeconds));
        row("raw floor time / watched apply floor time (what applying and watching cost over a bare create)",
                String.format(Locale.ROOT, "%.2f", floorSeconds / watchedSeconds));
        row("total time / watched apply floor time", String.format(Locale.ROOT, "%.2fx", run.seconds() / watchedSeconds));
    }
    private static void row(String measure, String value) {
        System.out.println("| " + measure + " | " + value + " |");
    }
}
