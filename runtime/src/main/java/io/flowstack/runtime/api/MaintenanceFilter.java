package io.flowstack.runtime.api;

import io.flowstack.contract.api.ApiError;
import io.flowstack.runtime.service.RuntimeSettings;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Maintenance mode: every request to the API and to webhooks is answered 503 with Retry-After (senders retry later,
 * nothing is lost or started); health and metrics under /q still answer.
 */
public class MaintenanceFilter {
    /** Seconds a caller is asked to wait before trying again. */
    static final int RETRY_AFTER_SECONDS = 60;

    @Inject
    RuntimeSettings settings;

    @ServerRequestFilter(priority = 500)
    public Response refuseDuringMaintenance(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!settings.maintenance() || !(path.startsWith("/api") || path.startsWith("/webhooks"))) {
            return null;
        }
        return Response.fromResponse(ApiErrors.response(503, ApiError.Reasons.MAINTENANCE, "tenant " + settings.tenant()
                        + " is in maintenance mode: nothing runs until it ends; retry later"))
                .header("Retry-After", RETRY_AFTER_SECONDS).build();
    }
}
