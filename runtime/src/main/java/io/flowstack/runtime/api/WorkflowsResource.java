package io.flowstack.runtime.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.crds.validation.Durations;
import io.flowstack.runtime.definitions.Definitions;
import io.flowstack.runtime.engine.InputValidator;
import io.flowstack.runtime.service.RuntimeService;
import io.flowstack.runtime.store.Activity;
import io.flowstack.runtime.store.Execution;
import io.flowstack.runtime.store.StoreException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The runtime's REST API: deployed workflows, manual starts, executions with their steps. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowsResource {
    @Inject
    RuntimeService runtime;

    /**
     * Deployed workflows with their revisions, newest execution and success rate over the last 24 hours, and what is
     * wrong in the definitions directory. The operator polls this into the Workflows' status.
     */
    @GET
    @Path("/workflows")
    public Map<String, Object> workflows() {
        List<Map<String, Object>> workflows = new ArrayList<>();
        Map<String, Activity> activity = runtime.store().activity(runtime.clock().instant().minus(Duration.ofHours(24)));
        runtime.definitions().all().forEach((name, deployed) -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("name", name);
            view.put("revision", deployed.revision());
            view.put("suspended", Boolean.TRUE.equals(deployed.workflow().getSpec().suspend));
            Activity done = activity.get(name);
            if (done != null) {
                Map<String, Object> last = new LinkedHashMap<>();
                last.put("id", done.lastId().toString());
                last.put("phase", done.lastStatus());
                last.put("startTime", done.lastStarted() == null ? null : done.lastStarted().toString());
                last.put("endTime", done.lastFinished() == null ? null : done.lastFinished().toString());
                view.put("lastExecution", last);
                view.put("successRate24h", done.successRate());
            }
            workflows.add(view);
        });
        List<Map<String, String>> problems = new ArrayList<>();
        runtime.definitions().problems().forEach(p -> problems.add(Map.of("location", p.location(),
                "object", String.valueOf(p.object()), "field", String.valueOf(p.path()), "message", p.message())));
        return Map.of("workflows", workflows, "problems", problems);
    }

    /** Starts an execution of a workflow with a manual trigger; Idempotency-Key makes retries of this call safe. */
    @POST
    @Path("/workflows/{name}/executions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(@PathParam("name") String name, JsonNode input,
                          @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Optional<Definitions.Deployed> deployed = runtime.definitions().current(name);
        if (deployed.isEmpty()) {
            return ApiError.response(404, "unknown_workflow", "no workflow named " + name + " is deployed");
        }
        Workflow workflow = deployed.get().workflow();
        if (workflow.getSpec().trigger.manual == null || Boolean.FALSE.equals(workflow.getSpec().trigger.manual.enabled)) {
            return ApiError.response(409, "manual_trigger_disabled", "workflow " + name
                    + " cannot be started through the API: add trigger.manual to it");
        }
        if (Boolean.TRUE.equals(workflow.getSpec().suspend)) {
            return ApiError.response(409, "suspended", "workflow " + name + " is suspended");
        }
        InputValidator.Result checked = InputValidator.check(workflow.getSpec().input, input);
        if (!checked.valid()) {
            List<ApiError.FieldProblem> fields = checked.problems().stream()
                    .map(p -> new ApiError.FieldProblem(p[0], p[1])).toList();
            return ApiError.response(400, new ApiError("invalid_input", "the input does not match the workflow's input",
                    fields));
        }
        UUID id = runtime.store().start(name, deployed.get().revision(), "manual", checked.input(),
                Optional.ofNullable(idempotencyKey), runtime.clock().instant(), Durations.parse(workflow.getSpec().timeout));
        return Response.status(201).entity(Map.of("id", id.toString(), "workflow", name,
                "revision", deployed.get().revision())).build();
    }

    /** Cancels an execution that has not finished; the step in flight, if any, is not recorded. */
    @POST
    @Path("/executions/{id}/cancel")
    public Response cancel(@PathParam("id") String id) {
        Lookup lookup = lookup(id);
        if (lookup.error() != null) {
            return lookup.error();
        }
        Execution execution = lookup.execution();
        UUID uuid = execution.id();
        if (!runtime.store().cancel(uuid, runtime.clock().instant())) {
            return ApiError.response(409, "finished", "execution " + id + " already ended as " + execution.status());
        }
        java.time.Instant began = execution.startedAt() != null ? execution.startedAt() : execution.createdAt();
        java.time.Duration lasted = java.time.Duration.between(began, runtime.clock().instant());
        runtime.metrics().executionFinished(execution.workflow(), "cancelled",
                lasted.isNegative() ? java.time.Duration.ZERO : lasted);
        return Response.ok(Map.of("id", id, "status", "cancelled")).build();
    }

    /** One execution with its steps. */
    @GET
    @Path("/executions/{id}")
    public Response execution(@PathParam("id") String id) {
        Lookup lookup = lookup(id);
        if (lookup.error() != null) {
            return lookup.error();
        }
        Execution execution = lookup.execution();
        UUID uuid = execution.id();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("workflow", execution.workflow());
        view.put("revision", execution.revision());
        view.put("trigger", execution.trigger());
        view.put("status", execution.status());
        view.put("input", execution.input());
        view.put("output", execution.output());
        view.put("error", execution.error());
        view.put("createdAt", String.valueOf(execution.createdAt()));
        view.put("startedAt", execution.startedAt() == null ? null : execution.startedAt().toString());
        view.put("finishedAt", execution.finishedAt() == null ? null : execution.finishedAt().toString());
        view.put("steps", runtime.store().stepSummaries(uuid));
        return Response.ok(view).build();
    }

    /** An execution found by the id of a request path, or the 4xx that says why not. */
    private record Lookup(Execution execution, Response error) {
    }

    private Lookup lookup(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return new Lookup(null, ApiError.response(400, "invalid_id", "not an execution id: " + id));
        }
        try {
            return new Lookup(runtime.store().get(uuid), null);
        } catch (StoreException e) {
            return new Lookup(null, ApiError.response(404, "unknown_execution", "no execution " + id));
        }
    }
}
