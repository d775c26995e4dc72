package io.flowstack.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A local HTTP service for step tests: answers with a function of the request and records what it received. */
public final class TestingHttpStub implements AutoCloseable {
    /** One answer: status and JSON body. */
    public record Answer(int status, String body) {
    }

    /** One request received. */
    public record Received(String method, String path, String body, String header, String authorization) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Answer> scripted = new ConcurrentLinkedQueue<>();
    private volatile Function<Received, Answer> answers = r -> new Answer(200, "{\"ok\":true}");

    public TestingHttpStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), body,
                exchange.getRequestHeaders().getFirst("X-Test"), exchange.getRequestHeaders().getFirst("Authorization"));
        received.add(request);
        Answer answer = scripted.poll();
        if (answer == null) {
            answer = answers.apply(request);
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers the next requests with these, in order, then with the default function. */
    public void script(Answer... next) {
        scripted.addAll(List.of(next));
    }

    public void answer(Function<Received, Answer> function) {
        this.answers = function;
    }

    public List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
