package io.flowstack.bench;

import io.flowstack.crds.webhook.WebhookSignature;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Executions as users start them: signed webhooks, sent by a fixed number of concurrent senders, to the runtime as
 * its own process (the built Quarkus application, JSON logs, health and metrics as shipped) on a durable PostgreSQL
 * (fsync on), running the 5-step workflow of {@link RuntimeBench} against an in-process stub. After a warm-up it sends
 * N webhooks and runs to the last finished execution, reporting executions/s, accepted webhooks/s, accept latency
 * p50/p99, CPU per execution by process (runtime, stub, PostgreSQL, senders) and commits per execution.
 */
public final class WebhookBench {
    private static final int SENDERS = Integer.getInteger("bench.senders", 32);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 3000);
    private static final String KEY = "bench-webhook-signing-key";
    /** The paced batch's rate, as a share of the executions/s of the unpaced one (-Dbench.pace). */
    private static final double PACE = Double.parseDouble(System.getProperty("bench.pace", "0.8"));

    private WebhookBench() {
    }

    /** What one batch of webhooks saw. */
    record Batch(int sent, int accepted, double sendSeconds, double finishSeconds, long[] latenciesNanos,
                 long sendersCpuNanos) {
        double percentileMillis(double p) {
            long[] sorted = latenciesNanos.clone();
            java.util.Arrays.sort(sorted);
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.configure();
        int executions = args.length > 0 ? Integer.parseInt(args[0]) : 10000;
        Path work = Files.createTempDirectory("webhook-bench");
        try (EmbeddedPostgres postgres = BenchDatabase.startDurable()) {
            Vertx vertx = Vertx.vertx();
            HttpServer stub = vertx.createHttpServer().requestHandler(request -> request.body().onComplete(ignored ->
                    request.response().putHeader("Content-Type", "application/json").end("{\"ok\":true,\"score\":7}")))
                    .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
            Path definitions = Files.createDirectories(work.resolve("definitions"));
            Files.writeString(definitions.resolve("five.yaml"), RuntimeBench.FIVE_STEPS.formatted("http://127.0.0.1:"
                    + stub.actualPort(), "{webhook: {rateLimitPerMinute: 100000}}"));
            Files.createDirectories(work.resolve("secrets"));
            int port = freePort();
            Process runtime = startRuntime(postgres, work, port);
            try {
                awaitReady(port, runtime);
                int warmedUp = JitWarmUp.run(Long.toString(runtime.pid()), WARMUP, "webhooks", (offset, count) -> {
                    Batch batch = send(port, count, offset, postgres, 0);
                    return batch.sent() / batch.finishSeconds();
                });
                long commitsBefore = commits(postgres);
                ProcessCpu before = ProcessCpu.now(runtime.pid());
                Map<String, Long> threadsBefore = ThreadCpu.osTicks(Long.toString(runtime.pid()));
                Batch measured = send(port, executions, warmedUp, postgres, 0);
                ProcessCpu used = ProcessCpu.now(runtime.pid()).minus(before);
                double jitSeconds = ThreadCpu.compilerAndGc(threadsBefore,
                        ThreadCpu.osTicks(Long.toString(runtime.pid())))[0];
                long commits = commits(postgres) - commitsBefore;
                report(measured, used, commits, warmedUp, jitSeconds);
                // the same number again, paced (open loop) at a share of the rate just measured: latency under load
                double rate = PACE * measured.accepted() / measured.finishSeconds();
                Batch paced = send(port, executions, warmedUp + executions, postgres, rate);
                System.out.printf(Locale.ROOT, "| paced at %.0f webhooks/s (%.0f %% of the executions/s above):"
                        + " accept p50 / p99, executions/s | %.1f ms / %.1f ms, %.0f |%n", rate, PACE * 100,
                        paced.percentileMillis(0.50), paced.percentileMillis(0.99),
                        paced.accepted() / paced.finishSeconds());
            } finally {
                runtime.destroy();
                runtime.waitFor();
                vertx.close();
            }
        }
        System.exit(0);
    }

    private static Process startRuntime(EmbeddedPostgres postgres, Path work, int port) throws IOException {
        Path jar = Path.of("runtime/target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: ./mvnw -pl bench -am package -Pbench -DskipTests");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m"));
        String extra = System.getProperty("bench.runtimeJvmArg", "");   // e.g. -XX:StartFlightRecording=filename=r.jfr
        if (!extra.isBlank()) {
            command.add(extra);
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        var env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("FLOWSTACK_TENANT", "bench");
        env.put("FLOWSTACK_DB_HOST", "127.0.0.1");
        env.put("FLOWSTACK_DB_PORT", Integer.toString(postgres.getPort()));
        env.put("FLOWSTACK_DB_DATABASE", "postgres");
        env.put("FLOWSTACK_DB_USER", "postgres");
        env.put("FLOWSTACK_DB_PASSWORD", "postgres");
        env.put("FLOWSTACK_DEFINITIONS_DIR", work.resolve("definitions").toString());
        env.put("FLOWSTACK_SECRETS_DIR", work.resolve("secrets").toString());
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        env.put("FLOWSTACK_ENCRYPTION_KEY", Base64.getUrlEncoder().withoutPadding().encodeToString(key));
        env.put("FLOWSTACK_API_TOKEN", "bench-api-token");
        env.put("FLOWSTACK_WEBHOOK_SIGNING_KEY", KEY);
        builder.redirectErrorStream(true).redirectOutput(work.resolve("runtime.log").toFile());
        System.err.println("runtime log: " + work.resolve("runtime.log"));
        return builder.start();
    }

    private static void awaitReady(int port, Process runtime) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!runtime.isAlive()) {
                throw new IllegalStateException("the runtime exited (exit " + runtime.exitValue() + ")");
            }
            try {
                if (client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the runtime was not ready within 90 s");
    }

    /** What the senders share: the next webhook to send, the count accepted and refused, the latencies. */
    private record Load(WebhookSignature signature, AtomicInteger next, AtomicInteger accepted, AtomicLong refused,
                        long[] latencies, AtomicLong cpuNanos) {
        /**
         * One sender: takes webhooks until all are taken. Paced, webhook i is due at start + i / rate and its latency
         * counts from then (no coordinated omission: a sender that falls behind adds its delay to the latency).
         */
        void sendFrom(int port, int offset, double rate, long start) throws IOException {
            long cpuBefore = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            try (RawHttp connection = new RawHttp("127.0.0.1", port)) {
                int i;
                while ((i = next.getAndIncrement()) < latencies.length) {
                    long due = rate > 0 ? start + (long) (i * 1e9 / rate) : 0;
                    while (rate > 0 && System.nanoTime() < due) {
                        java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                    }
                    byte[] body = ("{\"n\":" + (offset + i) + "}").getBytes(StandardCharsets.UTF_8);
                    long now = System.currentTimeMillis() / 1000;
                    long sent = System.nanoTime();
                    int status = connection.post("/webhooks/five", body, "Content-Type: application/json",
                            WebhookSignature.TIMESTAMP_HEADER + ": " + now,
                            WebhookSignature.SIGNATURE_HEADER + ": " + signature.sign(now, body));
                    latencies[i] = System.nanoTime() - (rate > 0 ? due : sent);
                    if (status == 202 || status == 200) {
                        accepted.incrementAndGet();
                    } else if (refused.incrementAndGet() < 5) {
                        System.err.println("webhook refused: HTTP " + status);
                    }
                }
            }
            cpuNanos.addAndGet(java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()
                    - cpuBefore);
        }
    }

    /** Sends {@code count} signed webhooks from the senders, then waits for their executions to finish. */
    private static Batch send(int port, int count, int offset, EmbeddedPostgres postgres, double rate)
            throws Exception {
        Load load = new Load(new WebhookSignature(KEY), new AtomicInteger(), new AtomicInteger(), new AtomicLong(),
                new long[count], new AtomicLong());
        AtomicInteger accepted = load.accepted();
        long[] latencies = load.latencies();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS, r -> new Thread(r, "sender"));
        long finishedBefore = finished(port);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            futures.add(senders.submit(() -> {
                load.sendFrom(port, offset, rate, start);
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        senders.shutdown();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (finished(port) - finishedBefore < accepted.get()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("executions did not finish within 2 minutes: " + accepted.get()
                        + " accepted, " + (finished(port) - finishedBefore) + " finished; by status: "
                        + byStatus(postgres));
            }
            Thread.sleep(200);   // a scrape of the runtime's metrics each time: kept rare
        }
        double finishSeconds = (System.nanoTime() - start) / 1e9;
        return new Batch(count, accepted.get(), sendSeconds, finishSeconds, latencies, load.cpuNanos().get());
    }

    /**
     * Finished executions so far, from the runtime's own counter (flowstack_executions_total): the executions table
     * cannot say, its history is pruned to the workflow's executionHistoryLimit as the benchmark runs.
     */
    private static long finished(int port) throws Exception {
        String metrics = METRICS.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        double total = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("flowstack_executions_total{")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) total;
    }

    private static final HttpClient METRICS = HttpClient.newHttpClient();

    private static String byStatus(EmbeddedPostgres postgres) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT status, count(*) FROM executions GROUP BY status")) {
            StringBuilder out = new StringBuilder();
            while (r.next()) {
                out.append(r.getString(1)).append('=').append(r.getLong(2)).append(' ');
            }
            return out.toString();
        }
    }

    private static long commits(EmbeddedPostgres postgres) throws Exception {
        return queryLong(postgres, "SELECT xact_commit FROM pg_stat_database WHERE datname = 'postgres'");
    }

    private static long queryLong(EmbeddedPostgres postgres, String sql) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void report(Batch batch, ProcessCpu cpu, long commits, int warmedUp, double jitSeconds) {
        int n = batch.accepted();
        System.out.println();
        System.out.printf(Locale.ROOT, "| measure (%d webhooks, %d senders, warm-up %d) | value |%n", batch.sent(),
                SENDERS, warmedUp);
        System.out.println("| --- | --- |");
        System.out.printf(Locale.ROOT, "| executions/s, first webhook to last finished execution | **%.0f** |%n",
                n / batch.finishSeconds());
        System.out.printf(Locale.ROOT, "| webhooks accepted/s (while sending) | %.0f (%d of %d accepted) |%n",
                n / batch.sendSeconds(), n, batch.sent());
        System.out.printf(Locale.ROOT, "| accept latency p50 / p99 | %.1f ms / %.1f ms |%n",
                batch.percentileMillis(0.50), batch.percentileMillis(0.99));
        System.out.printf(Locale.ROOT, "| CPU per execution: runtime / stub / PostgreSQL / senders | %.2f / %.2f /"
                + " %.2f / %.2f ms |%n", cpu.runtimeNanos() / 1e6 / n, cpu.stubNanos() / 1e6 / n,
                cpu.postgresNanos() / 1e6 / n, batch.sendersCpuNanos() / 1e6 / n);
        System.out.printf(Locale.ROOT, "| of the runtime's CPU per execution: its JIT compiler threads | %.2f ms |%n",
                jitSeconds * 1000 / n);
        System.out.printf(Locale.ROOT, "| cores busy (all four) | %.2f |%n", (cpu.runtimeNanos() + cpu.stubNanos()
                + cpu.postgresNanos() + batch.sendersCpuNanos()) / 1e9 / batch.finishSeconds());
        System.out.printf(Locale.ROOT, "| commits per execution | %.2f |%n", (double) commits / n);
        System.out.printf(Locale.ROOT, "| machine busy (every process and the kernel), cores | %.2f of %d |%n",
                cpu.machineNanos() / 1e9 / batch.finishSeconds(), Runtime.getRuntime().availableProcessors());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
