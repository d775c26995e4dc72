package io.flowstack.operator.common;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Objects;

/** Whether a workload has rolled out its current spec and all its pods are ready. */
public final class Readiness {
    private Readiness() {
    }

    public static boolean isReady(Deployment deployment) {
        int wanted = wanted(deployment.getSpec().getReplicas());
        if (deployment.getStatus() == null) {
            return wanted == 0;
        }
        return Objects.equals(deployment.getStatus().getObservedGeneration(), deployment.getMetadata().getGeneration())
                && replicas(deployment.getStatus().getUpdatedReplicas()) >= wanted
                && replicas(deployment.getStatus().getReadyReplicas()) >= wanted;
    }

    public static boolean isReady(StatefulSet statefulSet) {
        if (statefulSet.getStatus() == null) {
            return false;
        }
        int wanted = wanted(statefulSet.getSpec().getReplicas());
        return Objects.equals(statefulSet.getStatus().getObservedGeneration(), statefulSet.getMetadata().getGeneration())
                && replicas(statefulSet.getStatus().getReadyReplicas()) >= wanted;
    }

    /** spec.replicas, which the API server defaults to one when a writer leaves it out. */
    private static int wanted(Integer value) {
        return value == null ? 1 : value;
    }

    private static int replicas(Integer value) {
        return value == null ? 0 : value;
    }
}
