package io.flowstack.runtime.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Every 4xx of the API: a machine-readable reason, a message, and the fields at fault. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(String reason, String message, List<FieldProblem> fields) {

    /** One field at fault. */
    public record FieldProblem(String field, String message) {
    }

    public static Response response(int status, String reason, String message) {
        return response(status, new ApiError(reason, message, List.of()));
    }

    public static Response response(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(error).build();
    }
}
