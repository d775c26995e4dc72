package io.flowstack.e2e.faults;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The outside service the workflows' steps call, with side effects that can be counted: every request is recorded by
 * its X-Call header (execution id and step), and answered after a delay chosen per call.
 */
final class CallRecorder implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(64);
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, java.util.List<String>> times = new ConcurrentHashMap<>();
    private volatile Function<String, Duration> delay = call -> Duration.ZERO;

    CallRecorder() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            String call = String.valueOf(exchange.getRequestHeaders().getFirst("X-Call"));
            exchange.getRequestBody().readAllBytes();
            int count = calls.computeIfAbsent(call, c -> new AtomicInteger()).incrementAndGet();
            times.computeIfAbsent(call, c -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(java.time.Instant.now().toString());
            try {
                Thread.sleep(delay.apply(call + "#" + count).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = ("{\"call\": \"" + call + "\", \"n\": " + count + "}").getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/call";
    }

    /** How long to take over a call, from "&lt;X-Call&gt;#&lt;how many times it came, this one included&gt;". */
    void delay(Function<String, Duration> delay) {
        this.delay = delay;
    }

    int calls(String call) {
        AtomicInteger count = calls.get(call);
        return count == null ? 0 : count.get();
    }

    /** When each call of this key came, for the failure message of a test. */
    java.util.List<String> times(String call) {
        return times.getOrDefault(call, java.util.List.of());
    }

    Map<String, AtomicInteger> all() {
        return calls;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
