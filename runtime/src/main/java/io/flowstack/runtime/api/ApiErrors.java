package io.flowstack.runtime.api;

import io.flowstack.contract.api.ApiError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Responses carrying the contract's error body ({@link ApiError}): a reason, a message and the fields at fault. */
public final class ApiErrors {
    private ApiErrors() {
    }

    public static Response response(int status, String reason, String message) {
        return response(status, new ApiError(reason, message));
    }

    public static Response response(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(error).build();
    }
}
