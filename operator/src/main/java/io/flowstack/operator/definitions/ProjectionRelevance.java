package io.flowstack.operator.definitions;

import io.flowstack.crds.v1alpha1.common.FlowstackStatus;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.Objects;

/**
 * Which updates of a Workflow or Integration can change the projection: a new generation, or a change of whether the
 * current generation is valid. Status updates of lastExecution and the like cannot, so they wake no Tenant reconcile.
 */
public final class ProjectionRelevance {
    private ProjectionRelevance() {
    }

    public static boolean changed(CustomResource<?, ?> next, FlowstackStatus nextStatus, CustomResource<?, ?> previous,
                                  FlowstackStatus previousStatus) {
        return !Objects.equals(next.getMetadata().getGeneration(), previous.getMetadata().getGeneration())
                || Projection.validNow(next, nextStatus) != Projection.validNow(previous, previousStatus);
    }
}
