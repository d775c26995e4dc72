package io.flowstack.operator.testing;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the kubelet and the workload controllers would do: marks every Deployment and StatefulSet as rolled out and
 * ready, once per generation, as it sees them change (informers, like a controller, which writes the status of the
 * object its cache holds). Off until started, so tests can
 * also watch a stack that is not ready.
 */
public final class TestingWorkloads implements AutoCloseable {
    private final KubernetesClient client;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private final ExecutorService writer = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "testing-workloads");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;

    public TestingWorkloads(KubernetesClient client) {
        this.client = client;
    }

    public TestingWorkloads start() {
        informers.add(client.apps().deployments().inAnyNamespace().inform(handler(this::markReady)));
        informers.add(client.apps().statefulSets().inAnyNamespace().inform(handler(this::markReady)));
        return this;
    }

    private <T> ResourceEventHandler<T> handler(java.util.function.Consumer<T> action) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                submit(() -> action.accept(obj));
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                submit(() -> action.accept(newObj));
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
            }
        };
    }

    private void submit(Runnable task) {
        if (!closed) {
            writer.submit(task);
        }
    }

    void markReady(Deployment deployment) {
        int replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        Long generation = deployment.getMetadata().getGeneration();
        if (deployment.getStatus() != null && Objects.equals(deployment.getStatus().getObservedGeneration(), generation)
                && Objects.equals(deployment.getStatus().getReadyReplicas(), replicas)) {
            return;
        }
        writeStatus(client.apps().deployments().resource(named(new Deployment(), deployment)),
                deployment.getMetadata().getResourceVersion(),
                new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(replicas)
                        .withUpdatedReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas)
                        .build());
    }

    void markReady(StatefulSet statefulSet) {
        int replicas = statefulSet.getSpec().getReplicas() == null ? 1 : statefulSet.getSpec().getReplicas();
        Long generation = statefulSet.getMetadata().getGeneration();
        if (statefulSet.getStatus() != null && Objects.equals(statefulSet.getStatus().getObservedGeneration(), generation)
                && Objects.equals(statefulSet.getStatus().getReadyReplicas(), replicas)) {
            return;
        }
        writeStatus(client.apps().statefulSets().resource(named(new StatefulSet(), statefulSet)),
                statefulSet.getMetadata().getResourceVersion(),
                new StatefulSetStatusBuilder().withObservedGeneration(generation).withReplicas(replicas)
                        .withReadyReplicas(replicas).withCurrentReplicas(replicas).withUpdatedReplicas(replicas)
                        .withAvailableReplicas(replicas).build());
    }

    /**
     * An object with only the name and namespace of {@code seen}: what the status patch needs to address it. fabric8's
     * patch copies the object it is given (written and read once more), which for the informer's whole object cost
     * more than the rest of this fake's work.
     */
    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T named(T empty, T seen) {
        empty.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(seen.getMetadata().getName())
                .withNamespace(seen.getMetadata().getNamespace()).build());
        return empty;
    }

    /**
     * Writes the status of the object as the informer saw it, as a workload controller updates status from its cache:
     * one request (a merge patch of the status subresource), no read first ({@code object} carries the name: fabric8's
     * patch reads the object from the server when it has none). The resourceVersion makes it conditional:
     * an object changed meanwhile is refused (409), and its next event brings it back here.
     */
    private static void writeStatus(Resource<?> object, String resourceVersion, Object status) {
        String patch = "{\"metadata\":{\"resourceVersion\":" + Serialization.asJson(resourceVersion) + "},\"status\":"
                + Serialization.asJson(status) + "}";
        try {
            object.subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        } catch (KubernetesClientException e) {
            // deleted or changed meanwhile: its next event brings it back here
        }
    }

    @Override
    public void close() {
        closed = true;
        informers.forEach(SharedIndexInformer::close);
        writer.shutdownNow();
    }
}
