package io.flowstack.runtime.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowstack.runtime.service.RuntimeService;
import io.flowstack.crds.webhook.WebhookSignature;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import io.flowstack.contract.MetricsContract;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runtime as a service: REST API, webhooks, health and the metrics contract, on a real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(RuntimeTestResource.class)
class RuntimeServiceTest {
    private static final String BEARER = "Bearer " + RuntimeTestResource.API_TOKEN;
    private final WebhookSignature signer = new WebhookSignature(RuntimeTestResource.WEBHOOK_KEY);

    @Inject
    RuntimeService runtime;

    private Map<String, Object> awaitFinished(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> execution = given().header("Authorization", BEARER).get("/api/executions/" + id)
                    .then().statusCode(200).extract().as(Map.class);
            String status = (String) execution.get("status");
            if (!status.equals("pending") && !status.equals("running")) {
                return execution;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("execution " + id + " did not finish");
    }

    private long executions() {
        return runtime.store().views().countByStatus().values().stream().mapToLong(Long::longValue).sum();
    }

    private Response webhook(String path, String body, long timestamp, String signature) {
        var request = given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            request = request.header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(WebhookSignature.SIGNATURE_HEADER, signature);
        }
        return request.post("/webhooks/" + path);
    }

    @Test
    void reportsHealthIncludingTheDatabase() {
        given().get("/q/health/live").then().statusCode(200);
        String ready = given().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(ready).contains("Database connections health check");
    }

    @Test
    void theApiTakesOnlyTheBearerToken() {
        given().get("/api/workflows").then().statusCode(401);
        given().header("Authorization", "Bearer wrong").get("/api/workflows").then().statusCode(401);
        Map<String, Object> body = given().header("Authorization", BEARER).get("/api/workflows").then().statusCode(200)
                .extract().as(Map.class);
        assertThat(body.get("workflows").toString()).contains("hello").contains("lead");
        assertThat(given().get("/q/openapi").then().statusCode(200).extract().asString()).contains("/api/executions/{id}");
    }

    @Test
    void startsAnExecutionAndShowsItWithItsSteps() throws InterruptedException {
        String id = given().header("Authorization", BEARER).contentType("application/json").body("{\"name\": \"Ada\"}")
                .post("/api/workflows/hello/executions").then().statusCode(201).extract().path("id");
        Map<String, Object> execution = awaitFinished(id);
        assertThat(execution.get("status")).isEqualTo("succeeded");
        assertThat(execution.get("output")).isEqualTo(Map.of("greeting", "Hello Ada"));
        assertThat(execution.get("steps").toString()).contains("name=greet").contains("status=succeeded");
    }

    @Test
    @SuppressWarnings("unchecked")
    void reportsEachWorkflowsRevisionLastExecutionAndSuccessRate() throws InterruptedException {
        String last = null;
        for (int i = 0; i < 3; i++) {
            last = given().header("Authorization", BEARER).contentType("application/json").body("{}")
                    .post("/api/workflows/counted/executions").then().statusCode(201).extract().path("id");
            awaitFinished(last);
        }
        Map<String, Object> body = given().header("Authorization", BEARER).get("/api/workflows").then().statusCode(200)
                .extract().as(Map.class);
        Map<String, Object> counted = ((java.util.List<Map<String, Object>>) body.get("workflows")).stream()
                .filter(w -> "counted".equals(w.get("name"))).findFirst().orElseThrow();
        assertThat(counted.get("revision")).isEqualTo(runtime.definitions().current("counted").orElseThrow().revision());
        assertThat(counted.get("successRate24h")).isEqualTo(1.0);
        Map<String, Object> lastExecution = (Map<String, Object>) counted.get("lastExecution");
        assertThat(lastExecution).containsEntry("id", last).containsEntry("phase", "succeeded")
                .containsKeys("startTime", "endTime");
        assertThat(Instant.parse((String) lastExecution.get("endTime")))
                .isAfterOrEqualTo(Instant.parse((String) lastExecution.get("startTime")));
    }

    @Test
    void checksAnIntegrationsConnectivityFromTheRuntime() {
        given().header("Authorization", BEARER).post("/api/integrations/reachable/check").then().statusCode(200)
                .body("connected", org.hamcrest.Matchers.is(true))
                .body("message", org.hamcrest.Matchers.containsString("answered 200"));
        given().header("Authorization", BEARER).post("/api/integrations/crm/check").then().statusCode(200)
                .body("connected", org.hamcrest.Matchers.is(false))
                .body("message", org.hamcrest.Matchers.containsString("failed"));
        given().header("Authorization", BEARER).post("/api/integrations/nothing/check").then().statusCode(404)
                .body("reason", org.hamcrest.Matchers.is("unknown_integration"));
        given().post("/api/integrations/crm/check").then().statusCode(401);
    }

    @Test
    void cancelsAnExecutionThatHasNotFinished() {
        String id = runtime.store().executions().start("hello", runtime.definitions().current("hello").orElseThrow().revision(),
                "manual", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("name", "x"),
                java.util.Optional.empty(), Instant.now().plusSeconds(3600), Duration.ofHours(2), null).toString();
        given().header("Authorization", BEARER).post("/api/executions/" + id + "/cancel").then().statusCode(200);
        Map<String, Object> execution = given().header("Authorization", BEARER).get("/api/executions/" + id)
                .then().statusCode(200).extract().as(Map.class);
        assertThat(execution.get("status")).isEqualTo("cancelled");
        given().header("Authorization", BEARER).post("/api/executions/" + id + "/cancel").then().statusCode(409);
        given().header("Authorization", BEARER).post("/api/executions/" + java.util.UUID.randomUUID() + "/cancel")
                .then().statusCode(404);
    }

    @Test
    void badManualStartsAreClear4xx() {
        Map<String, Object> invalid = given().header("Authorization", BEARER).contentType("application/json").body("{}")
                .post("/api/workflows/hello/executions").then().statusCode(400).extract().as(Map.class);
        assertThat(invalid.get("reason")).isEqualTo("invalid_input");
        assertThat(invalid.get("fields").toString()).contains("field=input.name").contains("is required");
        given().header("Authorization", BEARER).contentType("application/json").body("{}")
                .post("/api/workflows/nope/executions").then().statusCode(404);
        given().header("Authorization", BEARER).contentType("application/json").body("{\"email\": \"a@b\"}")
                .post("/api/workflows/lead/executions").then().statusCode(409);
        given().header("Authorization", BEARER).get("/api/executions/not-a-uuid").then().statusCode(400);
    }

    @Test
    void signedWebhooksStartExecutionsAndEverythingElseIsRefusedAndStoresNothing() throws InterruptedException {
        long now = Instant.now().getEpochSecond();
        String body = "{\"email\": \"jane@example.com\"}";
        String signature = signer.sign(now, body.getBytes(StandardCharsets.UTF_8));
        String id = webhook("leads", body, now, signature).then().statusCode(202).extract().path("id");
        assertThat(awaitFinished(id).get("output")).isEqualTo(Map.of("lead", "jane@example.com"));

        long before = executions();
        assertThat(webhook("leads", body, now, signature).then().statusCode(409).extract().<String>path("reason"))
                .isEqualTo("replayed");
        assertThat(webhook("leads", body, now, "sha256=00").then().statusCode(401).extract().<String>path("reason"))
                .isEqualTo("bad_signature");
        assertThat(webhook("leads", body, now, null).then().statusCode(401).extract().<String>path("reason"))
                .isEqualTo("missing_signature");
        long old = now - 3600;
        assertThat(webhook("leads", body, old, signer.sign(old, body.getBytes(StandardCharsets.UTF_8)))
                .then().statusCode(401).extract().<String>path("reason")).isEqualTo("stale");
        String big = "{\"email\": \"" + "x".repeat(300) + "\"}";
        assertThat(webhook("leads", big, now, signer.sign(now, big.getBytes(StandardCharsets.UTF_8)))
                .then().statusCode(413).extract().<String>path("reason")).isEqualTo("too_large");
        String broken = "{\"email\": ";
        assertThat(webhook("leads", broken, now, signer.sign(now, broken.getBytes(StandardCharsets.UTF_8)))
                .then().statusCode(400).extract().<String>path("reason")).isEqualTo("malformed");
        String noEmail = "{\"name\": \"x\"}";
        assertThat(webhook("leads", noEmail, now, signer.sign(now, noEmail.getBytes(StandardCharsets.UTF_8)))
                .then().statusCode(400).extract().<String>path("reason")).isEqualTo("invalid_input");
        assertThat(webhook("unknown", body, now, signature).then().statusCode(404).extract().<String>path("reason"))
                .isEqualTo("unknown_workflow");
        assertThat(executions()).as("refused requests store nothing").isEqualTo(before);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String reason : new String[] {"replayed", "bad_signature", "missing_signature", "stale", "too_large",
                "malformed", "invalid_input"}) {
            assertThat(metrics).contains("flowstack_webhook_rejected_total{reason=\"" + reason + "\",workflow=\"lead\"}");
        }
    }

    @Test
    void exposesTheMetricsContract() throws InterruptedException {
        String hello = given().header("Authorization", BEARER).contentType("application/json").body("{\"name\": \"x\"}")
                .post("/api/workflows/hello/executions").then().statusCode(201).extract().path("id");
        String flaky = given().header("Authorization", BEARER).contentType("application/json").body("{}")
                .post("/api/workflows/flaky/executions").then().statusCode(201).extract().path("id");
        String sync = given().header("Authorization", BEARER).contentType("application/json").body("{}")
                .post("/api/workflows/sync/executions").then().statusCode(201).extract().path("id");
        awaitFinished(hello);
        assertThat(awaitFinished(flaky).get("status")).isEqualTo("failed");
        assertThat(awaitFinished(sync).get("status")).isEqualTo("failed");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("flowstack_executions_total{status=\"succeeded\",workflow=\"hello\"}")
                .contains("flowstack_executions_total{status=\"failed\",workflow=\"flaky\"}")
                .contains("flowstack_execution_duration_seconds_bucket{workflow=\"hello\"")
                .contains("flowstack_step_duration_seconds_bucket{type=\"transform\",workflow=\"hello\"")
                .contains("flowstack_step_retries_total{step=\"call\",workflow=\"flaky\"}")
                .contains("flowstack_integration_calls_total{integration=\"crm\",outcome=\"retryable_failure\"}")
                .contains("flowstack_executions_pending ");

        // every runtime metric of the contract the alerts and dashboards read, with its labels and with data
        assertThat(webhook("leads", "{}", java.time.Instant.now().getEpochSecond(), "sha256=00").statusCode())
                .isEqualTo(401);
        String scraped = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (MetricsContract.Metric metric : MetricsContract.RUNTIME) {
            String series = metric.type() == MetricsContract.Type.histogram ? metric.name() + "_bucket" : metric.name();
            List<String> lines = scraped.lines().filter(l -> l.startsWith(series + "{") || l.startsWith(series + " "))
                    .filter(l -> metric.labels().stream().allMatch(label -> l.contains(label + "=\"")))
                    .toList();
            assertThat(lines).as("%s with labels %s in%n%s", series, metric.labels(), scraped).isNotEmpty();
            if (metric.type() != MetricsContract.Type.gauge) {
                assertThat(lines).as("%s has data", series).anyMatch(l -> value(l) > 0);
            }
            if (metric.type() == MetricsContract.Type.histogram) {
                assertThat(lines).as("%s has buckets up to 10 minutes and more (alerts on minutes can fire)", series)
                        .anyMatch(l -> l.contains("le=\"") && !l.contains("le=\"+Inf\"") && bucket(l) >= 600);
            }
        }
        assertThat(scraped.lines().filter(l -> l.startsWith("flowstack_database_connections_max ")))
                .singleElement().satisfies(l -> assertThat(value(l)).isEqualTo(24));
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static double bucket(String line) {
        int start = line.indexOf("le=\"") + 4;
        return Double.parseDouble(line.substring(start, line.indexOf('"', start)));
    }
}
