package io.flowstack.operator.testing;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the kubelet and the workload controllers would do: marks every Deployment and StatefulSet as rolled out and
 * ready, once per generation. Off by default, so tests can also watch a stack that is not ready.
 */
public final class TestingWorkloads implements AutoCloseable {
    private final KubernetesClient client;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "testing-workloads");
        thread.setDaemon(true);
        return thread;
    });

    public TestingWorkloads(KubernetesClient client) {
        this.client = client;
    }

    public TestingWorkloads start() {
        executor.scheduleWithFixedDelay(this::markReady, 0, 100, TimeUnit.MILLISECONDS);
        return this;
    }

    /** One pass: marks whatever is not ready yet. */
    public void markReady() {
        try {
            for (Deployment deployment : client.apps().deployments().inAnyNamespace().list().getItems()) {
                int replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
                Long generation = deployment.getMetadata().getGeneration();
                if (deployment.getStatus() != null && Objects.equals(deployment.getStatus().getObservedGeneration(), generation)
                        && Objects.equals(deployment.getStatus().getReadyReplicas(), replicas)) {
                    continue;
                }
                deployment.setStatus(new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(replicas)
                        .withUpdatedReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas).build());
                client.apps().deployments().resource(deployment).updateStatus();
            }
            for (StatefulSet statefulSet : client.apps().statefulSets().inAnyNamespace().list().getItems()) {
                int replicas = statefulSet.getSpec().getReplicas() == null ? 1 : statefulSet.getSpec().getReplicas();
                Long generation = statefulSet.getMetadata().getGeneration();
                if (statefulSet.getStatus() != null && Objects.equals(statefulSet.getStatus().getObservedGeneration(), generation)
                        && Objects.equals(statefulSet.getStatus().getReadyReplicas(), replicas)) {
                    continue;
                }
                statefulSet.setStatus(new StatefulSetStatusBuilder().withObservedGeneration(generation).withReplicas(replicas)
                        .withReadyReplicas(replicas).withCurrentReplicas(replicas).withUpdatedReplicas(replicas)
                        .withAvailableReplicas(replicas).build());
                client.apps().statefulSets().resource(statefulSet).updateStatus();
            }
        } catch (KubernetesClientException e) {
            // a conflict with the operator's own write: the next pass retries
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
