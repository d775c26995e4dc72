package io.flowstack.runtime;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * A local HTTP service for step tests: answers with a function of the request and records what it received. Vert.x,
 * because the JDK's HttpServer stalls small responses on delayed ACKs; answers that block (to hold a caller in
 * flight) run on a worker thread.
 */
public final class TestingHttpStub implements AutoCloseable {
    /** One answer: status and JSON body. */
    public record Answer(int status, String body) {
    }

    /** One request received. */
    public record Received(String method, String path, String body, String header, String authorization) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Answer> scripted = new ConcurrentLinkedQueue<>();
    private volatile Function<Received, Answer> answers = r -> new Answer(200, "{\"ok\":true}");

    public TestingHttpStub() {
        try {
            server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot start the HTTP stub", e);
        }
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(buffer -> {
            Received received = new Received(request.method().name(), request.uri(), buffer.toString(),
                    request.getHeader("X-Test"), request.getHeader("Authorization"));
            this.received.add(received);
            vertx.<Answer>executeBlocking(() -> {
                Answer answer = scripted.poll();
                return answer != null ? answer : answers.apply(received);
            }, false).onSuccess(answer -> request.response().setStatusCode(answer.status())
                    .putHeader("Content-Type", "application/json").end(answer.body()));
        });
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    /** Answers the next requests with these, in order, then with the default function. */
    public void script(Answer... next) {
        scripted.addAll(List.of(next));
    }

    public void answer(Function<Received, Answer> function) {
        this.answers = function;
    }

    /** Back to answering 200 {"ok":true}, with nothing scripted or received. */
    public void reset() {
        answers = r -> new Answer(200, "{\"ok\":true}");
        scripted.clear();
        received.clear();
    }

    public List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        vertx.close();
    }
}
