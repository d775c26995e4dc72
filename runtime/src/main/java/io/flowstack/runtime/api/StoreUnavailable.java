package io.flowstack.runtime.api;

import io.flowstack.contract.api.ApiError;
import io.flowstack.runtime.store.StoreException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The database could not be reached or refused a write: a 503 with Retry-After (nothing was started), never a 500. */
public class StoreUnavailable {
    private static final Logger LOG = Logger.getLogger(StoreUnavailable.class);

    @ServerExceptionMapper
    public Response unavailable(StoreException e) {
        LOG.warnf("answered 503: %s", e.getMessage());
        return Response.fromResponse(ApiErrors.response(503, ApiError.Reasons.UNAVAILABLE,
                "the tenant's database did not take the request; nothing was started, retry later"))
                .header("Retry-After", 5).build();
    }
}
