package io.flowstack.runtime.engine;

import com.cronutils.model.Cron;
import com.cronutils.model.time.ExecutionTime;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.flowstack.crds.v1alpha1.workflow.ScheduleTrigger;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.crds.validation.CronSchedules;
import io.flowstack.runtime.definitions.Definitions;
import io.flowstack.runtime.store.ExecutionStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Schedule triggers. Every replica checks the schedules; each tick becomes the idempotency key of its execution, so
 * however many replicas see a tick, the database lets one execution through. A tick older than the catch-up window
 * (the runtime was down) is not started late. concurrencyPolicy decides what a tick does while an execution runs.
 */
public final class Schedules {
    /** How late a tick may still be started (the checks run every few seconds). */
    public static final Duration CATCH_UP = Duration.ofMinutes(1);
    private final ExecutionStore store;
    private final Definitions definitions;
    private final ExecutionStarter starter;

    public Schedules(ExecutionStore store, Definitions definitions) {
        this.store = store;
        this.definitions = definitions;
        this.starter = new ExecutionStarter(store);
    }

    /** Starts the executions whose tick has come; returns the ids started (or found started by another replica). */
    public List<UUID> fire(Instant now) {
        List<UUID> started = new ArrayList<>();
        for (Definitions.Deployed deployed : definitions.all().values()) {
            Workflow workflow = deployed.workflow();
            ScheduleTrigger schedule = workflow.getSpec().trigger.schedule;
            if (schedule == null || Boolean.TRUE.equals(workflow.getSpec().suspend)) {
                continue;
            }
            Optional<Instant> tick = lastTick(schedule, now);
            if (tick.isEmpty() || Duration.between(tick.get(), now).compareTo(CATCH_UP) > 0) {
                continue;
            }
            String name = workflow.getMetadata().getName();
            ScheduleTrigger.ConcurrencyPolicy policy = schedule.concurrencyPolicy == null
                    ? ScheduleTrigger.ConcurrencyPolicy.Forbid : schedule.concurrencyPolicy;
            String key = "schedule@" + tick.get();
            // executions of this very tick (started by another replica) are not "running before it"
            List<UUID> running = store.history().unfinished(name, tick.get());
            if (!running.isEmpty() && policy == ScheduleTrigger.ConcurrencyPolicy.Forbid) {
                continue;
            }
            if (policy == ScheduleTrigger.ConcurrencyPolicy.Replace) {
                running.forEach(id -> store.executions().cancel(id, now));
            }
            InputValidator.Result input = InputValidator.check(workflow.getSpec().input,
                    JsonNodeFactory.instance.objectNode());
            started.add(starter.start(deployed, ExecutionStarter.Trigger.schedule, input.input(), Optional.of(key), now,
                    tick.get()));
        }
        return started;
    }

    /** The newest tick of a schedule at or before {@code now}, in the schedule's time zone. */
    static Optional<Instant> lastTick(ScheduleTrigger schedule, Instant now) {
        Cron cron = CronSchedules.parse(schedule.cron);
        ZonedDateTime at = now.atZone(CronSchedules.zone(schedule.timezone == null ? "UTC" : schedule.timezone));
        ExecutionTime time = ExecutionTime.forCron(cron);
        if (time.isMatch(at.withNano(0).withSecond(0)) && at.getSecond() == 0 && at.getNano() == 0) {
            return Optional.of(at.toInstant());
        }
        return time.lastExecution(at).map(ZonedDateTime::toInstant);
    }
}
