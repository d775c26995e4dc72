package io.flowstack.runtime.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowstack.crds.v1alpha1.workflow.WebhookTrigger;
import io.flowstack.crds.validation.WorkflowExpressions;
import io.flowstack.runtime.api.ApiErrors;
import io.flowstack.runtime.engine.ExecutionStarter;
import io.flowstack.contract.api.StartedExecution;
import io.flowstack.contract.api.ApiError;
import io.flowstack.runtime.definitions.Definitions;
import io.flowstack.runtime.engine.InputValidator;
import io.flowstack.runtime.service.RuntimeService;
import io.flowstack.crds.webhook.WebhookSignature;
import io.flowstack.runtime.service.RuntimeSettings;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Webhook triggers: POST /webhooks/{path}. A request is checked in order — known workflow, size, signature and age,
 * replay, rate, JSON, input schema — and every refusal is a 4xx with a reason, counted in
 * flowstack_webhook_rejected_total, and stores nothing.
 */
@Path("/webhooks")
public class WebhookResource {
    private static final ObjectMapper JSON = new ObjectMapper();
    @Inject
    RuntimeService runtime;
    @Inject
    RuntimeSettings settings;
    private final RateLimiter rateLimiter = new RateLimiter();
    private volatile WebhookSignature signature;

    @POST
    @Path("/{path: .+}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@PathParam("path") String path, byte[] body,
                            @HeaderParam(WebhookSignature.TIMESTAMP_HEADER) String timestamp,
                            @HeaderParam(WebhookSignature.SIGNATURE_HEADER) String signed,
                            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Instant now = runtime.clock().instant();
        Optional<Definitions.Deployed> target = runtime.definitions().all().values().stream()
                .filter(d -> d.workflow().getSpec().trigger.webhook != null
                        && WorkflowExpressions.webhookPath(d.workflow()).equals(path))
                .findFirst();
        if (target.isEmpty()) {
            return reject("unknown", 404, "unknown_workflow", "no workflow is served at /webhooks/" + path);
        }
        String workflow = target.get().workflow().getMetadata().getName();
        WebhookTrigger trigger = target.get().workflow().getSpec().trigger.webhook;
        byte[] payload = body == null ? new byte[0] : body;
        int maxBytes = trigger.maxBodyBytesOrDefault();
        if (payload.length > maxBytes) {
            return reject(workflow, 413, "too_large", "the body has " + payload.length + " bytes; at most " + maxBytes
                    + " are accepted");
        }
        Optional<WebhookSignature.Rejection> rejection = signature().verify(payload, timestamp, signed, now,
                settings.webhookReplayWindow());
        if (rejection.isPresent()) {
            return reject(workflow, 401, rejection.get().reason(), rejection.get().message());
        }
        if (Boolean.TRUE.equals(target.get().workflow().getSpec().suspend)) {
            return reject(workflow, 409, "suspended", "workflow " + workflow + " is suspended");
        }
        int perMinute = trigger.rateLimitPerMinuteOrDefault();
        if (!rateLimiter.tryAcquire(workflow, perMinute, now)) {
            return Response.fromResponse(reject(workflow, 429, "rate_limited", "more than " + perMinute
                    + " requests this minute")).header("Retry-After", 60 - now.getEpochSecond() % 60).build();
        }
        JsonNode input;
        try {
            input = payload.length == 0 ? JSON.createObjectNode() : JSON.readTree(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return reject(workflow, 400, ApiError.Reasons.MALFORMED, "the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return reject(workflow, 400, ApiError.Reasons.MALFORMED, "the body could not be read");
        }
        InputValidator.Result checked = InputValidator.check(target.get().workflow().getSpec().input, input);
        if (!checked.valid()) {
            runtime.metrics().webhookRejected(workflow, ApiError.Reasons.INVALID_INPUT);
            return ApiErrors.response(400, checked.error("the body does not match the workflow's input"));
        }
        if (!runtime.store().deliveries().firstDelivery(signed.trim(), workflow, now, settings.webhookReplayWindow())) {
            return reject(workflow, 409, "replayed", "this signed request was already received");
        }
        UUID id = runtime.starter().start(target.get(), ExecutionStarter.Trigger.webhook, checked.input(),
                Optional.ofNullable(idempotencyKey), now, null);
        return Response.status(202).type(MediaType.APPLICATION_JSON)
                .entity(new StartedExecution(id.toString(), workflow, target.get().revision())).build();
    }

    private Response reject(String workflow, int status, String reason, String message) {
        runtime.metrics().webhookRejected(workflow, reason);
        return ApiErrors.response(status, reason, message);
    }

    private WebhookSignature signature() {
        if (signature == null) {
            signature = new WebhookSignature(settings.webhookSigningKey());
        }
        return signature;
    }
}
