package io.flowstack.runtime.api;

import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.validation.Durations;
import io.flowstack.runtime.engine.StepFailure;
import io.flowstack.runtime.integrations.Credentials;
import io.flowstack.runtime.service.RuntimeService;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Connectivity checks of the deployed Integrations, made from where the workflows run (the runtime's network and
 * mounted credentials). The operator calls this at a bounded rate into the Integration's Connected condition.
 */
@Path("/api/integrations")
@Produces(MediaType.APPLICATION_JSON)
public class IntegrationsResource {
    private static final Duration MAX_CHECK_TIME = Duration.ofSeconds(10);

    @Inject
    RuntimeService runtime;

    /** 200 with connected true or false and what was seen; 404 when no such Integration is deployed. */
    @POST
    @Path("/{name}/check")
    public Response check(@PathParam("name") String name) {
        Optional<Integration> integration = runtime.integrations().find(name);
        if (integration.isEmpty()) {
            return ApiError.response(404, "unknown_integration", "no integration named " + name + " is deployed");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", name);
        try {
            Credentials credentials = runtime.integrations().credentials(integration.get());
            String seen = runtime.adapters().check(integration.get(), credentials, timeout(integration.get()));
            result.put("connected", true);
            result.put("message", seen);
        } catch (IOException e) {
            result.put("connected", false);
            result.put("message", e.getMessage());
        } catch (StepFailure e) {
            result.put("connected", false);
            result.put("message", e.getMessage());
        }
        return Response.ok(result).build();
    }

    private static Duration timeout(Integration integration) {
        if (integration.getSpec().timeout == null) {
            return MAX_CHECK_TIME;
        }
        Duration configured = Durations.parse(integration.getSpec().timeout);
        return configured.compareTo(MAX_CHECK_TIME) < 0 ? configured : MAX_CHECK_TIME;
    }
}
