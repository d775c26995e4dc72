package io.flowstack.runtime.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstack.contract.ExecutionStatus;
import io.flowstack.contract.api.ApiError;
import io.flowstack.contract.api.CancelledExecution;
import io.flowstack.contract.api.DefinitionProblem;
import io.flowstack.contract.api.ExecutionSummary;
import io.flowstack.contract.api.ExecutionView;
import io.flowstack.contract.api.StartedExecution;
import io.flowstack.contract.api.WorkflowState;
import io.flowstack.contract.api.WorkflowsReport;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.runtime.definitions.Definitions;
import io.flowstack.runtime.engine.ExecutionStarter;
import io.flowstack.runtime.engine.InputValidator;
import io.flowstack.runtime.service.RuntimeService;
import io.flowstack.runtime.store.Activity;
import io.flowstack.runtime.store.Execution;
import io.flowstack.runtime.store.IdempotencyKeyReusedException;
import io.flowstack.runtime.store.StoreException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The runtime's REST API: deployed workflows, manual starts, executions with their steps (the contract's types). */
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
    public WorkflowsReport workflows() {
        Map<String, Activity> activity = runtime.store().views()
                .activity(runtime.clock().instant().minus(Duration.ofHours(24)));
        List<WorkflowState> workflows = new ArrayList<>();
        runtime.definitions().all().forEach((name, deployed) -> {
            Activity done = activity.get(name);
            ExecutionSummary last = done == null ? null : new ExecutionSummary(done.lastId().toString(),
                    done.lastStatus(), text(done.lastStarted()), text(done.lastFinished()));
            workflows.add(new WorkflowState(name, deployed.revision(),
                    Boolean.TRUE.equals(deployed.workflow().getSpec().suspend), last,
                    done == null ? null : done.successRate()));
        });
        List<DefinitionProblem> problems = runtime.definitions().problems().stream()
                .map(p -> new DefinitionProblem(p.location(), String.valueOf(p.object()), String.valueOf(p.path()),
                        p.message())).toList();
        return new WorkflowsReport(workflows, problems);
    }

    /** Starts an execution of a workflow with a manual trigger; Idempotency-Key makes retries of this call safe. */
    @POST
    @Path("/workflows/{name}/executions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(@PathParam("name") String name, byte[] body,
                          @HeaderParam("Idempotency-Key") String idempotencyKey) {
        StrictJson.Parsed parsed = StrictJson.parse(body);
        if (parsed.error() != null) {
            return ApiErrors.response(400, parsed.error());
        }
        JsonNode input = parsed.value();
        Optional<Definitions.Deployed> deployed = runtime.definitions().current(name);
        if (deployed.isEmpty()) {
            return ApiErrors.response(404, ApiError.Reasons.UNKNOWN_WORKFLOW, "no workflow named " + name
                    + " is deployed");
        }
        Workflow workflow = deployed.get().workflow();
        if (workflow.getSpec().trigger.manual == null || Boolean.FALSE.equals(workflow.getSpec().trigger.manual.enabled)) {
            return ApiErrors.response(409, ApiError.Reasons.MANUAL_TRIGGER_DISABLED, "workflow " + name
                    + " cannot be started through the API: add trigger.manual to it");
        }
        if (Boolean.TRUE.equals(workflow.getSpec().suspend)) {
            return ApiErrors.response(409, ApiError.Reasons.SUSPENDED, "workflow " + name + " is suspended");
        }
        InputValidator.Result checked = InputValidator.check(workflow.getSpec().input, input);
        if (!checked.valid()) {
            return ApiErrors.response(400, checked.error("the input does not match the workflow's input"));
        }
        UUID id;
        try {
            id = runtime.starter().start(deployed.get(), ExecutionStarter.Trigger.manual, checked.input(),
                    Optional.ofNullable(idempotencyKey), runtime.clock().instant(), null);
        } catch (IdempotencyKeyReusedException e) {
            return ApiErrors.response(409, ApiError.Reasons.IDEMPOTENCY_KEY_REUSED, e.getMessage());
        }
        return Response.status(201).entity(new StartedExecution(id.toString(), name, deployed.get().revision()))
                .build();
    }

    /**
     * A workflow's executions, newest first, a page at a time: ?status=, ?since= and ?until= (creation time, ISO-8601),
     * ?limit= (1..500, 50 by default), ?after= (the previous page's next). Workflows no longer deployed are listed too.
     */
    @GET
    @Path("/workflows/{name}/executions")
    public Response executions(@PathParam("name") String name, @QueryParam("status") String status,
                               @QueryParam("since") String since, @QueryParam("until") String until,
                               @QueryParam("limit") String limit, @QueryParam("after") String after) {
        ExecutionQuery query = ExecutionQuery.read(status, since, until, limit, after);
        if (!query.problems().isEmpty()) {
            return ApiErrors.response(400, new ApiError(ApiError.Reasons.INVALID_QUERY, "the query cannot be read",
                    query.problems()));
        }
        return Response.ok(ExecutionQuery.page(runtime.store().views().list(name, query.filter()))).build();
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
        Instant now = runtime.clock().instant();
        if (!runtime.store().executions().cancel(execution.id(), now)) {
            return ApiErrors.response(409, ApiError.Reasons.FINISHED, "execution " + id + " already ended as "
                    + execution.status());
        }
        Instant began = execution.startedAt() != null ? execution.startedAt() : execution.createdAt();
        Duration lasted = Duration.between(began, now);
        runtime.metrics().executionFinished(execution.workflow(), ExecutionStatus.cancelled,
                lasted.isNegative() ? Duration.ZERO : lasted);
        return Response.ok(new CancelledExecution(id, ExecutionStatus.cancelled)).build();
    }

    /** One execution with its steps. */
    @GET
    @Path("/executions/{id}")
    public Response execution(@PathParam("id") String id) {
        Lookup lookup = lookup(id);
        if (lookup.error() != null) {
            return lookup.error();
        }
        Execution e = lookup.execution();
        List<ExecutionView.StepView> steps = runtime.store().views().stepRuns(e.id()).values().stream()
                .map(run -> new ExecutionView.StepView(run.step(), run.status().name(), run.attempts(), run.output(),
                        run.error(), text(run.nextAttemptAt()))).toList();
        return Response.ok(new ExecutionView(id, e.workflow(), e.revision(), e.trigger(), e.status(), e.input(),
                e.output(), e.error(), String.valueOf(e.createdAt()), text(e.startedAt()), text(e.finishedAt()), steps))
                .build();
    }

    /** An execution found by the id of a request path, or the 4xx that says why not. */
    private record Lookup(Execution execution, Response error) {
    }

    private Lookup lookup(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return new Lookup(null, ApiErrors.response(400, ApiError.Reasons.INVALID_ID, "not an execution id: " + id));
        }
        try {
            return new Lookup(runtime.store().executions().get(uuid), null);
        } catch (StoreException e) {
            return new Lookup(null, ApiErrors.response(404, ApiError.Reasons.UNKNOWN_EXECUTION, "no execution " + id));
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
