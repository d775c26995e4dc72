package io.flowstack.operator.common;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Objects;

/** Whether a workload has rolled out its current spec and all its pods are ready. */
public final class Readiness {
    private Readiness() {
    }

    public static boolean isReady(Deployment deployment) {
        if (deployment.getStatus() == null) {
            return replicas(deployment.getSpec().getReplicas()) == 0;
        }
        int wanted = replicas(deployment.getSpec().getReplicas());
        return Objects.equals(deployment.getStatus().getObservedGeneration(), deployment.getMetadata().getGeneration())
                && replicas(deployment.getStatus().getUpdatedReplicas()) >= wanted
                && replicas(deployment.getStatus().getReadyReplicas()) >= wanted;
    }

    public static boolean isReady(StatefulSet statefulSet) {
        if (statefulSet.getStatus() == null) {
            return false;
        }
        int wanted = replicas(statefulSet.getSpec().getReplicas());
        return Objects.equals(statefulSet.getStatus().getObservedGeneration(), statefulSet.getMetadata().getGeneration())
                && replicas(statefulSet.getStatus().getReadyReplicas()) >= wanted;
    }

    private static int replicas(Integer value) {
        return value == null ? 0 : value;
    }
}
