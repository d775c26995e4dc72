package io.flowstack.runtime.engine;

import io.flowstack.crds.validation.Durations;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstack.crds.expression.ExpressionException;
import io.flowstack.crds.v1alpha1.workflow.HttpAction;
import io.flowstack.crds.v1alpha1.workflow.IntegrationAction;
import io.flowstack.runtime.http.OutboundHttp;
import io.flowstack.crds.v1alpha1.workflow.Step;
import io.flowstack.crds.v1alpha1.workflow.StepAction;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs one attempt of a step's action: renders its body from the expressions, then does what its type says. */
final class StepRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Expressions expressions;
    private final OutboundHttp http;
    private final IntegrationCalls integrations;
    private final EngineListener listener;

    StepRunner(Expressions expressions, OutboundHttp http, IntegrationCalls integrations, EngineListener listener) {
        this.expressions = expressions;
        this.http = http;
        this.integrations = integrations;
        this.listener = listener;
    }

    JsonNode run(StepAction action, Map<String, Object> variables, Duration timeout) throws StepFailure {
        try {
            return switch (action.type) {
                case transform -> expressions.render(action.transform.output, variables);
                case http -> http(action.http, variables, timeout);
                case integration -> integration(action.integration, variables, timeout);
                case forEach -> forEach(action, variables, timeout);
                case delay -> throw new StepFailure("a delay cannot be the step of a forEach", false);
            };
        } catch (ExpressionException e) {
            throw new StepFailure("expression failed: " + e.getMessage(), false);
        }
    }

    private JsonNode integration(IntegrationAction action, Map<String, Object> variables, Duration timeout)
            throws StepFailure, ExpressionException {
        return integrations.call(action, expressions.render(action.params, variables), timeout, listener);
    }

    /**
     * Runs the forEach's step once per item, up to maxConcurrency at once (each on its own thread, so at most that
     * many calls and connections are open); the output is the list of their outputs in the items' order. The first
     * item to fail (by position) fails the step; items not begun by then are not started.
     */
    private JsonNode forEach(StepAction action, Map<String, Object> variables, Duration timeout)
            throws StepFailure, ExpressionException {
        Step step = (Step) action;
        JsonNode items = expressions.value(step.forEach.items, variables);
        if (!items.isArray()) {
            throw new StepFailure("forEach.items gave " + items.getNodeType() + ", not a list", false);
        }
        int max = step.forEach.maxItemsOrDefault();
        if (items.size() > max) {
            throw new StepFailure("forEach.items has " + items.size() + " items; maxItems is " + max, false);
        }
        Duration itemTimeout = step.forEach.step.timeout == null ? timeout : Durations.parse(step.forEach.step.timeout);
        int concurrency = Math.min(step.forEach.maxConcurrencyOrDefault(), Math.max(1, items.size()));
        JsonNode[] outputs = new JsonNode[items.size()];
        if (concurrency == 1) {
            for (int i = 0; i < items.size(); i++) {
                outputs[i] = run(step.forEach.step, itemScope(variables, items, i), itemTimeout);
            }
        } else {
            inParallel(step, variables, items, itemTimeout, concurrency, outputs);
        }
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (JsonNode output : outputs) {
            list.add(output);
        }
        return list;
    }

    private void inParallel(Step step, Map<String, Object> variables, JsonNode items, Duration timeout,
                            int concurrency, JsonNode[] outputs) throws StepFailure {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread thread = new Thread(r, "flowstack-foreach");
            thread.setDaemon(true);
            return thread;
        });
        AtomicBoolean failed = new AtomicBoolean();
        StepFailure[] failures = new StepFailure[items.size()];
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                int index = i;
                running.add(pool.submit(() -> {
                    if (failed.get()) {
                        return;
                    }
                    try {
                        outputs[index] = run(step.forEach.step, itemScope(variables, items, index), timeout);
                    } catch (StepFailure e) {
                        failures[index] = e;
                        failed.set(true);
                    }
                }));
            }
            for (Future<?> item : running) {
                item.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailure("forEach was interrupted", true);
        } catch (ExecutionException e) {
            throw new StepFailure("forEach item failed: " + e.getCause(), false);
        } finally {
            pool.shutdownNow();
        }
        for (StepFailure failure : failures) {
            if (failure != null) {
                throw failure;
            }
        }
    }

    private static Map<String, Object> itemScope(Map<String, Object> variables, JsonNode items, int index) {
        Map<String, Object> scope = new LinkedHashMap<>(variables);
        scope.put("item", Values.toCel(items.get(index)));
        scope.put("index", (long) index);
        return scope;
    }

    private JsonNode http(HttpAction action, Map<String, Object> variables, Duration timeout)
            throws StepFailure, ExpressionException {
        String url = Values.asText(expressions.renderString(action.url, variables));
        String method = action.method == null ? "GET" : action.method.name();
        OutboundHttp.Request request;
        try {
            request = OutboundHttp.request(method, OutboundHttp.uri(url), timeout);
        } catch (IllegalArgumentException e) {
            throw new StepFailure("not a valid URL: " + url, false);
        }
        if (action.headers != null) {
            for (Map.Entry<String, String> header : action.headers.entrySet()) {
                request.header(header.getKey(), Values.asText(expressions.renderString(header.getValue(), variables)));
            }
        }
        if (action.body != null && !action.body.isNull()) {
            JsonNode rendered = expressions.render(action.body, variables);
            request.body(rendered.isTextual() ? rendered.asText() : rendered.toString());
            if (!request.hasHeader("Content-Type")) {
                request.header("Content-Type", rendered.isTextual() ? "text/plain; charset=utf-8" : "application/json");
            }
        }
        OutboundHttp.Response response;
        try {
            response = http.send(request);
        } catch (HttpTimeoutException e) {
            throw new StepFailure(method + " " + url + " timed out after " + timeout, true);
        } catch (OutboundHttp.FinalFailure e) {
            throw new StepFailure(method + " " + url + " failed: " + e.getMessage(), false);   // no retry: same outcome
        } catch (IOException e) {
            throw new StepFailure(method + " " + url + " failed: " + e.getMessage(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailure(method + " " + url + " was interrupted", true);
        }
        int status = response.status();
        boolean expected = action.expectedStatus == null || action.expectedStatus.isEmpty()
                ? status >= 200 && status < 300 : action.expectedStatus.contains(status);
        if (!expected) {
            boolean retryable = status >= 500 || status == 429 || status == 408;
            throw new StepFailure(method + " " + url + " answered " + status, retryable);
        }
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("status", status);
        String text = response.body();
        JsonNode parsed = JsonNodeFactory.instance.textNode(text);
        if (response.contentType().contains("json") && !text.isBlank()) {
            try {
                parsed = JSON.readTree(text);
            } catch (IOException e) {
                parsed = JsonNodeFactory.instance.textNode(text);
            }
        }
        output.set("body", parsed);
        return output;
    }
}
