package io.flowstack.runtime.api;

import io.flowstack.contract.api.ApiError;
import io.flowstack.contract.api.ConnectivityResult;
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
            return ApiErrors.response(404, ApiError.Reasons.UNKNOWN_INTEGRATION, "no integration named " + name
                    + " is deployed");
        }
        ConnectivityResult result;
        try {
            Credentials credentials = runtime.integrations().credentials(integration.get());
            String seen = runtime.adapters().check(integration.get(), credentials, timeout(integration.get()));
            result = new ConnectivityResult(name, true, seen);
        } catch (IOException | StepFailure e) {
            result = new ConnectivityResult(name, false, e.getMessage());
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
