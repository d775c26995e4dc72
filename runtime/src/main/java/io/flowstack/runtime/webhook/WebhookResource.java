package io.flowstack.runtime.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstack.crds.v1alpha1.workflow.WebhookTrigger;
import io.flowstack.crds.validation.WorkflowExpressions;
import io.flowstack.runtime.api.ApiErrors;
import io.flowstack.runtime.api.StrictJson;
import io.flowstack.runtime.engine.ExecutionStarter;
import io.flowstack.contract.api.StartedExecution;
import io.flowstack.contract.api.ApiError;
import io.flowstack.runtime.definitions.Definitions;
import io.flowstack.runtime.engine.InputValidator;
import io.flowstack.runtime.service.RuntimeService;
import io.flowstack.crds.webhook.WebhookSignature;
import io.flowstack.runtime.service.RuntimeSettings;
import io.flowstack.runtime.store.IdempotencyKeyReusedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
                    + " requests a minute")).header("Retry-After", rateLimiter.secondsUntilNext(workflow, perMinute))
                    .build();
        }
        Response response = accept(target.get(), payload, signed.trim(), idempotencyKey, now);
        if (response.getStatus() != 202) {
            rateLimiter.release(workflow, perMinute);   // only accepted requests use up the limit
        }
        return response;
    }

    /** The checks after the rate limit, and the start: the execution and the delivery's record in one transaction. */
    private Response accept(Definitions.Deployed target, byte[] payload, String signed, String idempotencyKey,
                            Instant now) {
        String workflow = target.workflow().getMetadata().getName();
        StrictJson.Parsed parsed = StrictJson.parse(payload);
        if (parsed.error() != null) {
            return reject(workflow, 400, parsed.error().reason(), parsed.error().message());
        }
        JsonNode input = parsed.value();
        InputValidator.Result checked = InputValidator.check(target.workflow().getSpec().input, input);
        if (!checked.valid()) {
            runtime.metrics().webhookRejected(workflow, ApiError.Reasons.INVALID_INPUT);
            return ApiErrors.response(400, checked.error("the body does not match the workflow's input"));
        }
        Optional<UUID> id;
        try {
            id = runtime.starter().startDelivery(target, checked.input(), Optional.ofNullable(idempotencyKey), now,
                    signed);
        } catch (IdempotencyKeyReusedException e) {
            return reject(workflow, 409, ApiError.Reasons.IDEMPOTENCY_KEY_REUSED, e.getMessage());
        }
        if (id.isEmpty()) {
            return reject(workflow, 409, "replayed", "this signed request was already received");
        }
        return Response.status(202).type(MediaType.APPLICATION_JSON)
                .entity(new StartedExecution(id.get().toString(), workflow, target.revision())).build();
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
