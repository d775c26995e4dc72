package io.flowstack.runtime.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowstack.contract.api.ApiError;
import java.io.IOException;

/**
 * How JSON enters the runtime (API bodies, webhook bodies): strictly, so anything after the JSON value
 * ({@code {"a":1} x}) is an error instead of being dropped, and the refusal says where the parser stopped.
 */
public final class StrictJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StrictJson() {
    }

    /** The body's JSON value (an empty object for an empty body), or the {@code malformed} error saying why not. */
    public static Parsed parse(byte[] body) {
        if (body == null || body.length == 0) {
            return new Parsed(JSON.createObjectNode(), null);
        }
        try {
            return new Parsed(JSON.readTree(body), null);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            return new Parsed(null, new ApiError(ApiError.Reasons.MALFORMED, "the body is not JSON: "
                    + e.getOriginalMessage() + where));
        } catch (IOException e) {
            return new Parsed(null, new ApiError(ApiError.Reasons.MALFORMED, "the body could not be read"));
        }
    }

    /** A parsed body, or the error that refuses it. */
    public record Parsed(JsonNode value, ApiError error) {
    }
}
