package io.flowstack.bench;

import io.flowstack.contract.ExecutionStatus;
import io.flowstack.runtime.http.OutboundHttp;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.flowstack.runtime.crypto.Sealer;
import io.flowstack.runtime.definitions.Definitions;
import io.flowstack.runtime.engine.Engine;
import io.flowstack.runtime.engine.EngineListener;
import io.flowstack.crds.v1alpha1.workflow.StepType;
import io.flowstack.runtime.store.ExecutionStore;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Executions per second of a 5-step workflow (two HTTP calls to an in-process stub, three transforms) with a durable
 * checkpoint per step, on an embedded PostgreSQL, and in the same run the raw single-row commit rate of that database:
 * the floor that bounds how many checkpointed executions any engine could run.
 */
public final class RuntimeBench {
    private static final int WORKERS = Integer.getInteger("bench.workers", 16);   // the runtime's default (flowstack.workers)
    private static final int WARMUP = Integer.getInteger("bench.warmup", 5000);

    public static void main(String[] args) throws Exception {
        BenchLogging.configure();
        int executions = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        // durable checkpoints mean durable commits: PostgreSQL's production defaults, not the embedded fsync=off
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on").setServerConfig("full_page_writes", "on").start()) {
            // pooled, as the runtime's Agroal datasource is in the service
            DataSource dataSource = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(pool -> pool.maxSize(Math.max(24, WORKERS + 8))   // the runtime's pool (24)
                            .connectionFactoryConfiguration(factory -> factory
                                    .jdbcUrl(postgres.getJdbcUrl("postgres", "postgres"))
                                    .principal(new NamePrincipal("postgres"))
                                    .credential(new SimplePassword("postgres")))));
            ExecutionStore.migrate(dataSource);
            String settings = settings(dataSource);
            double commitRate = rawCommitRate(dataSource, Duration.ofSeconds(5), WORKERS);
            double sequentialCommitRate = rawCommitRate(dataSource, Duration.ofSeconds(5), 1);

            // the in-process stub: Vert.x, since the JDK's HttpServer adds delayed-ACK stalls to small responses
            Vertx vertx = Vertx.vertx();
            HttpServer stub = vertx.createHttpServer().requestHandler(request -> request.body().onComplete(ignored ->
                    request.response().putHeader("Content-Type", "application/json").end("{\"ok\":true,\"score\":7}")))
                    .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
            Path dir = Files.createTempDirectory("bench-definitions");
            String url = "http://127.0.0.1:" + stub.actualPort();
            Files.writeString(dir.resolve("five.yaml"), """
                    apiVersion: flowstack.io/v1alpha1
                    kind: Workflow
                    metadata: {name: five}
                    spec:
                      trigger: {manual: {}}
                      steps:
                        - name: fetch
                          type: http
                          http: {url: "%s/lead?n=${{ input.n }}"}
                        - name: shape
                          type: transform
                          transform: {output: {score: "${{ steps.fetch.output.body.score * 10 }}"}}
                        - name: post
                          type: http
                          http: {method: POST, url: "%s/crm", body: {score: "${{ steps.shape.output.score }}"}}
                        - name: tag
                          type: transform
                          transform: {output: {hot: "${{ steps.shape.output.score > 50 }}"}}
                        - name: result
                          type: transform
                          transform: {output: {n: "${{ input.n }}", hot: "${{ steps.tag.output.hot }}"}}
                    """.formatted(url, url));
            Definitions definitions = new Definitions(dir);
            definitions.reload();
            String revision = definitions.current("five").orElseThrow().revision();
            ExecutionStore store = new ExecutionStore(dataSource, new Sealer(new byte[32], null));
            ConcurrentLinkedQueue<Long> checkpoints = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Long> transforms = new ConcurrentLinkedQueue<>();
            EngineListener listener = new EngineListener() {
                @Override
                public void stepCheckpointed(Duration duration) {
                    checkpoints.add(duration.toNanos());
                }

                @Override
                public void stepAttempted(String workflow, String step, StepType type, Duration duration,
                                          boolean succeeded, boolean retrying) {
                    if (type == StepType.transform) {
                        transforms.add(duration.toNanos());
                    }
                }
            };
            io.flowstack.runtime.http.OutboundHttp http = io.flowstack.runtime.http.OutboundHttp.client();   // the shipped client
            AtomicLong claims = new AtomicLong();
            AtomicLong finished = new AtomicLong();
            EngineListener counting = new EngineListener() {
                @Override
                public void stepCheckpointed(Duration duration) {
                    listener.stepCheckpointed(duration);
                }

                @Override
                public void stepAttempted(String workflow, String step, StepType type, Duration duration,
                                          boolean succeeded, boolean retrying) {
                    listener.stepAttempted(workflow, step, type, duration, succeeded, retrying);
                }

                @Override
                public void executionFinished(String workflow, ExecutionStatus status, Duration duration) {
                    finished.incrementAndGet();
                }
            };
            ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            for (int w = 0; w < WORKERS; w++) {
                Engine engine = new Engine(store, definitions, http, Clock.systemUTC(), "bench-" + w, new Random(w),
                        counting);
                workers.submit(() -> {
                    while (!done.get()) {
                        int claimed = engine.tick(10);
                        if (claimed == 0) {
                            Thread.sleep(5);
                        } else {
                            claims.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            // warm-up: the same workload, not counted, so the figures are the JIT-compiled steady state
            run(store, revision, WARMUP, finished);
            checkpoints.clear();
            transforms.clear();
            claims.set(0);
            long transactionsBefore = store.work().transactions();
            long writesBefore = store.work().durableWrites();
            long succeededBefore = store.views().countByStatus().getOrDefault("succeeded", 0L);
            CpuUse cpuBefore = CpuUse.now();
            long start = System.nanoTime();
            run(store, revision, executions, finished);
            double seconds = (System.nanoTime() - start) / 1e9;
            CpuUse cpu = CpuUse.now().minus(cpuBefore);
            long succeeded = store.views().countByStatus().getOrDefault("succeeded", 0L) - succeededBefore;
            double transactionsPerExecution = (store.work().transactions() - transactionsBefore) / (double) executions;
            double writesPerTransaction = (store.work().durableWrites() - writesBefore)
                    / (double) Math.max(1, store.work().transactions() - transactionsBefore);
            done.set(true);
            workers.shutdown();
            workers.awaitTermination(30, TimeUnit.MINUTES);
            vertx.close();

            // start, 5 checkpoints (the last one also ends the execution), its share of claims
            double commitsPerExecution = 1 + 5 + claims.get() / (double) executions;
            // the floor: what the database's raw single-row commit rate (one connection, commits in sequence, each
            // flushed to disk) allows for the commits an execution needs; and the same from as many connections as
            // the engine has workers, where PostgreSQL shares flushes between them and CPU, not the disk, bounds it
            double floor = sequentialCommitRate / commitsPerExecution;
            double concurrentFloor = commitRate / commitsPerExecution;
            double rate = executions / seconds;
            System.out.println();
            System.out.println("| measure | value |");
            System.out.println("| --- | --- |");
            row("PostgreSQL", settings);
            row("executions (5 steps: 2 http, 3 transform), after a warm-up of " + WARMUP,
                    executions + " (" + succeeded + " succeeded)");
            row("engine workers", Integer.toString(WORKERS));
            row("executions/s (start to last finish)", String.format(Locale.ROOT, "%.0f", rate));
            row("commits per execution (start, 5 checkpoints, the last one ending it, claims)",
                    String.format(Locale.ROOT, "%.2f", commitsPerExecution));
            row("transactions per execution (group commit: mean writes per transaction)", String.format(Locale.ROOT,
                    "%.2f (%.2f)", transactionsPerExecution + claims.get() / (double) executions, writesPerTransaction));
            row("raw single-row commit rate (" + WORKERS + " threads)", String.format(Locale.ROOT, "%.0f commits/s", commitRate));
            row("raw single-row commit rate, one connection (commits in sequence)",
                    String.format(Locale.ROOT, "%.0f commits/s", sequentialCommitRate));
            row("floor: executions/s the raw commit rate (one connection) allows", String.format(Locale.ROOT, "%.0f", floor));
            row("executions/s / floor", String.format(Locale.ROOT, "%.2f", rate / floor));
            row("executions/s the " + WORKERS + "-connection commit rate allows", String.format(Locale.ROOT, "%.0f",
                    concurrentFloor));
            row("executions/s / that rate", String.format(Locale.ROOT, "%.2f", rate / concurrentFloor));
            row("CPU per execution: JVM (engine, JDBC, HTTP client) / the stub (in the JVM) / PostgreSQL",
                    String.format(Locale.ROOT, "%.2f ms / %.2f ms / %.2f ms", (cpu.jvmNanos() - cpu.stubNanos()) / 1e6
                            / executions, cpu.stubNanos() / 1e6 / executions, cpu.postgresNanos() / 1e6 / executions));
            row("cores busy during the run", String.format(Locale.ROOT, "%.2f of %d",
                    (cpu.jvmNanos() + cpu.postgresNanos()) / 1e9 / seconds, Runtime.getRuntime().availableProcessors()));
            row("checkpoint commit p50 / p99", percentiles(checkpoints));
            row("transform step p50 / p99", percentiles(transforms));
        }
        System.exit(0);
    }

    /** Starts {@code count} executions from 4 threads at once and waits until the engines have finished them all. */
    private static void run(ExecutionStore store, String revision, int count, AtomicLong finished) throws Exception {
        ObjectMapper json = new ObjectMapper();
        long target = finished.get() + count;
        ExecutorService starters = Executors.newFixedThreadPool(4);
        for (int i = 0; i < count; i++) {
            int n = i;
            starters.submit(() -> store.executions().start("five", revision, "manual", json.createObjectNode().put("n", n),
                    Optional.empty(), Clock.systemUTC().instant(), Duration.ofHours(1)));
        }
        starters.shutdown();
        starters.awaitTermination(10, TimeUnit.MINUTES);
        while (finished.get() < target) {
            Thread.sleep(20);
        }
    }

    /**
     * CPU used so far: by this JVM, by the stub's Vert.x event loops within it, and by the PostgreSQL processes
     * (from /proc, in clock ticks of 10 ms), so the figure can be split between the engine and what it talks to.
     */
    record CpuUse(long jvmNanos, long stubNanos, long postgresNanos) {
        static CpuUse now() {
            long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long stub = 0;
            for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && info.getThreadName().startsWith("vert.x-eventloop")) {
                    stub += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
                }
            }
            return new CpuUse(jvm, stub, postgresTicks() * 10_000_000L);
        }

        CpuUse minus(CpuUse before) {
            return new CpuUse(jvmNanos - before.jvmNanos, stubNanos - before.stubNanos,
                    postgresNanos - before.postgresNanos);
        }

        private static long postgresTicks() {
            long ticks = 0;
            java.io.File[] processes = new java.io.File("/proc").listFiles(f -> f.getName().matches("\\d+"));
            if (processes == null) {
                return 0;
            }
            for (java.io.File process : processes) {
                try {
                    String comm = java.nio.file.Files.readString(process.toPath().resolve("comm")).trim();
                    if (!comm.startsWith("postgres")) {
                        continue;
                    }
                    String stat = java.nio.file.Files.readString(process.toPath().resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);   // utime, stime
                } catch (java.io.IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
            return ticks;
        }
    }

    private static String settings(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            StringBuilder out = new StringBuilder();
            for (String setting : new String[] {"server_version", "fsync", "synchronous_commit"}) {
                try (ResultSet r = s.executeQuery("SHOW " + setting)) {
                    r.next();
                    out.append(setting).append('=').append(r.getString(1)).append(' ');
                }
            }
            return out.toString().trim();
        }
    }

    /** Autocommitted single-row inserts from {@code threads} threads at once. */
    private static double rawCommitRate(DataSource dataSource, Duration duration, int threads) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS commit_probe (id bigserial PRIMARY KEY, payload text)");
        }
        AtomicLong commits = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                try (Connection c = dataSource.getConnection();
                     var insert = c.prepareStatement("INSERT INTO commit_probe (payload) VALUES (?)")) {
                    while (System.nanoTime() < end) {
                        insert.setString(1, "x".repeat(200));
                        insert.executeUpdate();
                        commits.incrementAndGet();
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        return commits.get() / (duration.toNanos() / 1e9);
    }

    private static String percentiles(ConcurrentLinkedQueue<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f ms / %.2f ms", sorted.get(sorted.size() / 2) / 1e6,
                sorted.get((int) (sorted.size() * 0.99)) / 1e6);
    }

    private static void row(String measure, String value) {
        System.out.println("| " + measure + " | " + value + " |");
    }
}
