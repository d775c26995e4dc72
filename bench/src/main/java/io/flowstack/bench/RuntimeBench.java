package io.flowstack.bench;

import io.flowstack.runtime.engine.EngineListener;
import io.flowstack.runtime.engine.IntegrationCalls;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowstack.runtime.crypto.Sealer;
import io.flowstack.runtime.definitions.Definitions;
import io.flowstack.runtime.engine.Engine;
import io.flowstack.runtime.engine.ExecutionStarter;
import io.flowstack.runtime.engine.Heartbeat;
import io.flowstack.runtime.http.OutboundHttp;
import io.flowstack.runtime.store.ExecutionStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Executions per second of a 5-step workflow (two HTTP calls to an in-process stub, three transforms) with a durable
 * checkpoint per step, on an embedded PostgreSQL, and in the same run the raw single-row commit rate of that database:
 * the floor that bounds how many checkpointed executions any engine could run.
 */
public final class RuntimeBench {
    private static final int WORKERS = Integer.getInteger("bench.workers", 16);   // the runtime's default (flowstack.workers)
    private static final int WARMUP = Integer.getInteger("bench.warmup", 5000);
    /** Threads that start executions as the API would, each waiting for its start to be durable. */
    private static final int STARTERS = Integer.getInteger("bench.starters", 16);
    /** The 5-step workflow of both runtime benchmarks: %1$s the stub's URL, %2$s the trigger. */
    static final String FIVE_STEPS = """
            apiVersion: flowstack.io/v1alpha1
            kind: Workflow
            metadata: {name: five}
            spec:
              trigger: %2$s
              steps:
                - name: fetch
                  type: http
                  http: {url: "%1$s/lead?n=${{ input.n }}"}
                - name: shape
                  type: transform
                  transform: {output: {score: "${{ steps.fetch.output.body.score * 10 }}"}}
                - name: post
                  type: http
                  http: {method: POST, url: "%1$s/crm", body: {score: "${{ steps.shape.output.score }}"}}
                - name: tag
                  type: transform
                  transform: {output: {hot: "${{ steps.shape.output.score > 50 }}"}}
                - name: result
                  type: transform
                  transform: {output: {n: "${{ input.n }}", hot: "${{ steps.tag.output.hot }}"}}
            """;

    /** What one measured run saw. */
    record Measured(int executions, long succeeded, double seconds, CpuUse cpu, double transactionsPerExecution,
                    double writesPerTransaction, double commitsPerExecution, double[] compilerAndGc, int warmedUp) {
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.configure();
        int executions = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        try (EmbeddedPostgres postgres = BenchDatabase.startDurable()) {
            DataSource dataSource = BenchDatabase.pooled(postgres, Math.max(24, WORKERS + 8));   // the runtime's pool (24)
            ExecutionStore.migrate(dataSource);
            String settings = BenchDatabase.settings(dataSource);
            double commitRate = BenchDatabase.rawCommitRate(dataSource, Duration.ofSeconds(5), WORKERS);
            double sequentialCommitRate = BenchDatabase.rawCommitRate(dataSource, Duration.ofSeconds(5), 1);
            // the in-process stub: Vert.x, since the JDK's HttpServer adds delayed-ACK stalls to small responses
            Vertx vertx = Vertx.vertx();
            HttpServer stub = vertx.createHttpServer().requestHandler(request -> request.body().onComplete(ignored ->
                    request.response().putHeader("Content-Type", "application/json").end("{\"ok\":true,\"score\":7}")))
                    .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
            Path dir = Files.createTempDirectory("bench-definitions");
            Files.writeString(dir.resolve("five.yaml"), FIVE_STEPS.formatted("http://127.0.0.1:" + stub.actualPort(),
                    "{manual: {}}"));
            Definitions definitions = new Definitions(dir);
            definitions.reload();
            ExecutionStore store = new ExecutionStore(dataSource, new Sealer(new byte[32], null));
            EngineProbe probe = new EngineProbe();
            Measured measured = measure(store, definitions, probe, executions, dataSource);
            vertx.close();
            BenchDatabase.printStatements(dataSource, executions);
            report(settings, measured, probe, commitRate, sequentialCommitRate);
        }
        System.exit(0);
    }

    /** Runs the workers over a warm-up and then the measured executions. */
    private static Measured measure(ExecutionStore store, Definitions definitions, EngineProbe probe, int executions,
                                    DataSource dataSource) throws Exception {
        Definitions.Deployed five = definitions.current("five").orElseThrow();
        OutboundHttp http = OutboundHttp.client();   // the shipped client
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        AtomicBoolean done = new AtomicBoolean();
        // as the service runs it: one engine, its workers claiming side by side, its heartbeat renewing their leases
        Engine engine = new Engine(store, definitions, IntegrationCalls.NONE, http, Clock.systemUTC(), "bench",
                new Random(1), probe);
        Heartbeat heartbeat = Heartbeat.start(engine);
        for (int w = 0; w < WORKERS; w++) {
            workers.submit(() -> {
                while (!done.get()) {
                    if (engine.tick(10) == 0) {
                        Thread.sleep(5);
                    } else {
                        probe.claims.incrementAndGet();
                    }
                }
                return null;
            });
        }
        // the same workload, not counted, so the figures are the JIT-compiled steady state a running replica has
        int warmedUp = JitWarmUp.run("self", WARMUP, "executions", (offset, count) -> {
            long start = System.nanoTime();
            run(store, five, count, probe);
            return count / ((System.nanoTime() - start) / 1e9);
        });
        probe.reset();
        BenchDatabase.resetStatements(dataSource);
        long transactionsBefore = store.work().transactions();
        long writesBefore = store.work().durableWrites();
        long succeededBefore = store.views().countByStatus().getOrDefault("succeeded", 0L);
        CpuUse cpuBefore = CpuUse.now();
        java.util.Map<String, Long> threadsBefore = ThreadCpu.osTicks();
        long start = System.nanoTime();
        run(store, five, executions, probe);
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuUse cpu = CpuUse.now().minus(cpuBefore);
        double[] compilerAndGc = ThreadCpu.compilerAndGc(threadsBefore, ThreadCpu.osTicks());
        long transactions = store.work().transactions() - transactionsBefore;
        done.set(true);
        workers.shutdown();
        workers.awaitTermination(30, TimeUnit.MINUTES);
        heartbeat.close();
        double claims = probe.claims.get() / (double) executions;
        return new Measured(executions, store.views().countByStatus().getOrDefault("succeeded", 0L) - succeededBefore,
                seconds, cpu, transactions / (double) executions + claims,
                (store.work().durableWrites() - writesBefore) / (double) Math.max(1, transactions),
                // as counted: the start, the checkpoints (a call's waits for the transforms after it, the last one
                // ends the execution: 2 of the 5 steps), its share of claims
                (store.work().durableWrites() - writesBefore) / (double) executions + claims, compilerAndGc, warmedUp);
    }

    /** Starts {@code count} executions from {@link #STARTERS} threads at once; waits until the engine finished them. */
    private static void run(ExecutionStore store, Definitions.Deployed five, int count, EngineProbe probe)
            throws Exception {
        ExecutionStarter starter = new ExecutionStarter(store);   // as the API starts them
        ObjectMapper json = new ObjectMapper();
        long target = probe.finished.get() + count;
        ExecutorService starters = Executors.newFixedThreadPool(STARTERS);
        for (int i = 0; i < count; i++) {
            int n = i;
            starters.submit(() -> starter.start(five, ExecutionStarter.Trigger.manual, json.createObjectNode().put("n", n),
                    Optional.empty(), Clock.systemUTC().instant(), null));
        }
        starters.shutdown();
        starters.awaitTermination(10, TimeUnit.MINUTES);
        while (probe.finished.get() < target) {
            Thread.sleep(20);
        }
    }

    /**
     * The table docs/benchmarks.md quotes. The floor is what the database's raw single-row commit rate (one connection,
     * commits in sequence, each flushed to disk) allows for the commits an execution needs; beside it the same from as
     * many connections as the engine has workers, where PostgreSQL shares flushes and CPU, not the disk, bounds it.
     */
    private static void report(String settings, Measured m, EngineProbe probe, double commitRate,
                               double sequentialCommitRate) {
        double floor = sequentialCommitRate / m.commitsPerExecution();
        double concurrentFloor = commitRate / m.commitsPerExecution();
        double rate = m.executions() / m.seconds();
        System.out.println();
        System.out.println("| measure | value |");
        System.out.println("| --- | --- |");
        row("PostgreSQL", settings);
        row("executions (5 steps: 2 http, 3 transform), after a warm-up of " + m.warmedUp(),
                m.executions() + " (" + m.succeeded() + " succeeded)");
        row("engine workers", Integer.toString(WORKERS));
        row("executions/s (start to last finish)", format("%.0f", rate));
        row("durable writes per execution (start, checkpoints, the last one ending it, claims)",
                format("%.2f", m.commitsPerExecution()));
        row("transactions per execution (group commit: mean writes per transaction)",
                format("%.2f (%.2f)", m.transactionsPerExecution(), m.writesPerTransaction()));
        row("raw single-row commit rate (" + WORKERS + " threads)", format("%.0f commits/s", commitRate));
        row("raw single-row commit rate, one connection (commits in sequence)",
                format("%.0f commits/s", sequentialCommitRate));
        row("floor: executions/s the raw commit rate (one connection) allows", format("%.0f", floor));
        row("executions/s / floor", format("%.2f", rate / floor));
        row("executions/s the " + WORKERS + "-connection commit rate allows", format("%.0f", concurrentFloor));
        row("executions/s / that rate", format("%.2f", rate / concurrentFloor));
        CpuUse cpu = m.cpu();
        row("CPU per execution: JVM (engine, JDBC, HTTP client) / the stub (in the JVM) / PostgreSQL",
                format("%.2f ms / %.2f ms / %.2f ms", (cpu.jvmNanos() - cpu.stubNanos()) / 1e6 / m.executions(),
                        cpu.stubNanos() / 1e6 / m.executions(), cpu.postgresNanos() / 1e6 / m.executions()));
        row("of the JVM's CPU per execution: JIT compiler threads / GC threads", format("%.2f ms / %.2f ms",
                m.compilerAndGc()[0] * 1000 / m.executions(), m.compilerAndGc()[1] * 1000 / m.executions()));
        row("cores busy during the run", format("%.2f of %d", (cpu.jvmNanos() + cpu.postgresNanos()) / 1e9
                / m.seconds(), Runtime.getRuntime().availableProcessors()));
        row("checkpoint commit p50 / p99", EngineProbe.percentiles(probe.checkpoints));
        row("transform step p50 / p99", EngineProbe.percentiles(probe.transforms));
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

    private static void row(String measure, String value) {
        System.out.println("| " + measure + " | " + value + " |");
    }
}
