package io.flowstack.runtime.engine;

import io.flowstack.contract.ExecutionStatus;
import io.flowstack.crds.v1alpha1.workflow.StepType;
import java.time.Duration;

/** What the engine reports as it works; metrics listen. */
public interface EngineListener {
    EngineListener NONE = new EngineListener() {
    };

    /** An attempt of a step ended; {@code retrying} when another attempt is scheduled. */
    default void stepAttempted(String workflow, String step, StepType type, Duration duration, boolean succeeded,
                               boolean retrying) {
    }

    /** A step's result was committed (the durable checkpoint's cost). */
    default void stepCheckpointed(Duration duration) {
    }

    /** A call to an integration ended; outcome is success, failure or retryable_failure. */
    default void integrationCalled(String integration, String outcome) {
    }

    /** An execution ended with status succeeded, failed, cancelled or timed_out. */
    default void executionFinished(String workflow, ExecutionStatus status, Duration duration) {
    }
}
