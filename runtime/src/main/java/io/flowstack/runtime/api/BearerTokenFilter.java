package io.flowstack.runtime.api;

import io.flowstack.contract.api.ApiError;
import io.flowstack.runtime.service.RuntimeSettings;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** The REST API under /api takes the tenant's API token as a bearer token; webhooks and /q are signed or open. */
public class BearerTokenFilter {
    @Inject
    RuntimeSettings settings;

    @ServerRequestFilter
    public Response authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api")) {
            return null;
        }
        String header = request.getHeaderString("Authorization");
        String expected = "Bearer " + settings.apiToken();
        if (header == null || !MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8))) {
            return ApiErrors.response(401, ApiError.Reasons.UNAUTHORIZED,
                    "send the tenant's API token as 'Authorization: Bearer <token>'");
        }
        return null;
    }
}
