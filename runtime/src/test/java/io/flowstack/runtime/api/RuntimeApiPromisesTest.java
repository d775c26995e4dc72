package io.flowstack.runtime.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowstack.crds.webhook.WebhookSignature;
import io.flowstack.runtime.service.RuntimeService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What the API and webhooks promise on bad input and faults: strict JSON, idempotency keys that refuse another input,
 * a delivery record that never outlives a failed start, a rate limit only accepted requests use up, executions listed.
 */
@QuarkusTest
@QuarkusTestResource(RuntimeTestResource.class)
class RuntimeApiPromisesTest {
    private static final String BEARER = "Bearer " + RuntimeTestResource.API_TOKEN;
    private final WebhookSignature signer = new WebhookSignature(RuntimeTestResource.WEBHOOK_KEY);

    @Inject
    RuntimeService runtime;

    @Inject
    javax.sql.DataSource dataSource;

    private Response signed(String path, String body, String idempotencyKey) {
        long now = Instant.now().getEpochSecond();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var request = given().contentType("application/json").body(bytes)
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now))
                .header(WebhookSignature.SIGNATURE_HEADER, signer.sign(now, bytes));
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/webhooks/" + path);
    }

    private Response start(String workflow, String body, String idempotencyKey) {
        var request = given().header("Authorization", BEARER).contentType("application/json").body(body);
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/api/workflows/" + workflow + "/executions");
    }

    @Test
    void trailingGarbageIsMalformedOnTheApiAndOnWebhooks() {
        Map<String, Object> api = start("hello", "{\"name\": \"Ada\"} x", null).then().statusCode(400).extract()
                .as(Map.class);
        assertThat(api.get("reason")).isEqualTo("malformed");
        assertThat((String) api.get("message")).contains("line 1");
        Map<String, Object> hook = signed("leads", "{\"email\": \"a@b.example\"} {}", null).then().statusCode(400)
                .extract().as(Map.class);
        assertThat(hook.get("reason")).isEqualTo("malformed");
        start("hello", "{\"name\": \"Ada\"}  \n", null).then().statusCode(201);   // whitespace after is fine
    }

    @Test
    void anIdempotencyKeyReusedWithAnotherInputIsAConflictNamingTheKey() {
        String first = start("hello", "{\"name\": \"Ada\"}", "order-17").then().statusCode(201).extract().path("id");
        String again = start("hello", "{\"name\": \"Ada\"}", "order-17").then().statusCode(201).extract().path("id");
        assertThat(again).as("the same request again: the same execution").isEqualTo(first);
        Map<String, Object> conflict = start("hello", "{\"name\": \"Bob\"}", "order-17").then().statusCode(409)
                .extract().as(Map.class);
        assertThat(conflict.get("reason")).isEqualTo("idempotency_key_reused");
        assertThat((String) conflict.get("message")).contains("order-17").contains(first);
    }

    @Test
    void aFailedStartLeavesNoDeliveryRecordSoTheSendersRetryIsAccepted() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS injected_fault (armed boolean)");
            s.execute("INSERT INTO injected_fault VALUES (true)");
            s.execute("CREATE OR REPLACE FUNCTION fail_armed() RETURNS trigger AS $$ BEGIN"
                    + " IF NEW.idempotency_key = 'fault-1' AND EXISTS (SELECT 1 FROM injected_fault WHERE armed)"
                    + " THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
            s.execute("CREATE OR REPLACE TRIGGER fail_armed BEFORE INSERT ON executions FOR EACH ROW"
                    + " EXECUTE FUNCTION fail_armed()");
        }
        long now = Instant.now().getEpochSecond();
        byte[] body = "{\"email\": \"retry@example.com\"}".getBytes(StandardCharsets.UTF_8);
        String signature = signer.sign(now, body);
        Callable<Response> send = () -> given().contentType("application/json").body(body)
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now))
                .header(WebhookSignature.SIGNATURE_HEADER, signature).header("Idempotency-Key", "fault-1")
                .post("/webhooks/leads");
        Response failed = send.call();
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.header("Retry-After")).isNotNull();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("UPDATE injected_fault SET armed = false");
        }
        assertThat(send.call().statusCode()).as("the sender's retry of the same signed request").isEqualTo(202);
        assertThat(send.call().then().extract().<String>path("id")).as("and its replay returns the same execution")
                .isNotNull();
    }

    @Test
    void twoIdenticalDeliveriesAtOnceStartOneExecution() throws Exception {
        long now = Instant.now().getEpochSecond();
        byte[] body = "{\"email\": \"twice@example.com\"}".getBytes(StandardCharsets.UTF_8);
        String signature = signer.sign(now, body);
        ExecutorService senders = Executors.newFixedThreadPool(2);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            answers.add(senders.submit(() -> given().contentType("application/json").body(body)
                    .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now))
                    .header(WebhookSignature.SIGNATURE_HEADER, signature).post("/webhooks/leads").statusCode()));
        }
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            codes.add(answer.get());
        }
        senders.shutdown();
        assertThat(codes).containsExactlyInAnyOrder(202, 409);
    }

    @Test
    void refusedRequestsDoNotUseUpTheRateLimit() {
        for (int i = 0; i < 5; i++) {
            assertThat(signed("limited", "{\"n\": \"not a number\"}", null).statusCode()).isEqualTo(400);
            assertThat(signed("limited", "{\"n\": ", null).statusCode()).isEqualTo(400);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(signed("limited", "{\"n\": " + i + "}", null).statusCode()).as("accepted request %d", i)
                    .isEqualTo(202);
        }
        Response limited = signed("limited", "{\"n\": 3}", null);
        assertThat(limited.statusCode()).as("the fourth accepted request of the minute").isEqualTo(429);
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsAWorkflowsExecutionsNewestFirstByStatusAndPage() throws Exception {
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            started.add(0, start("limited", "{\"n\": " + (100 + i) + "}", null).then().statusCode(201).extract()
                    .path("id"));
            Thread.sleep(2);   // distinct creation times make "newest first" observable
        }
        Map<String, Object> page = given().header("Authorization", BEARER).queryParam("limit", 2)
                .get("/api/workflows/limited/executions").then().statusCode(200).extract().as(Map.class);
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("executions");
        assertThat(items).extracting(e -> e.get("id")).containsExactly(started.get(0), started.get(1));
        assertThat(items.get(0)).containsKeys("status", "createdAt", "revision", "trigger");
        List<Object> all = new ArrayList<>(items.stream().map(e -> e.get("id")).toList());
        while (page.get("next") != null) {
            page = given().header("Authorization", BEARER).queryParam("limit", 2).queryParam("after", page.get("next"))
                    .get("/api/workflows/limited/executions").then().statusCode(200).extract().as(Map.class);
            ((List<Map<String, Object>>) page.get("executions")).forEach(e -> all.add(e.get("id")));
        }
        assertThat(all).containsSubsequence(started.toArray()).doesNotHaveDuplicates();

        Map<String, Object> bad = given().header("Authorization", BEARER).queryParam("status", "done")
                .queryParam("limit", 0).queryParam("since", "yesterday")
                .get("/api/workflows/limited/executions").then().statusCode(400).extract().as(Map.class);
        assertThat(bad.get("reason")).isEqualTo("invalid_query");
        assertThat(bad.get("fields").toString()).contains("field=status").contains("field=limit").contains("field=since");
        Map<String, Object> failed = given().header("Authorization", BEARER).queryParam("status", "failed")
                .get("/api/workflows/limited/executions").then().statusCode(200).extract().as(Map.class);
        assertThat((List<?>) failed.get("executions")).isEmpty();
    }
}
