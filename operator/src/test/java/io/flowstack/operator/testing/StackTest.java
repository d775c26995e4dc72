package io.flowstack.operator.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of the reconcile tests: a fresh {@link TestingStack} per test. */
public abstract class StackTest {
    protected TestingStack stack;
    protected TestingCluster cluster;
    protected KubernetesClient client;
    protected TestingWorkloads workloads;

    @BeforeEach
    void startStack() {
        stack = new TestingStack();
        cluster = stack.cluster();
        client = stack.client();
        workloads = stack.workloads();
    }

    /**
     * Touches a Tenant (a label: one write, no new generation) and waits until the reconcile that causes has run, so a
     * test can then count what that reconcile wrote.
     */
    protected void touchAndAwaitReconcile(String tenant) {
        stack.operator().awaitReconciled(java.time.Duration.ofSeconds(30), () -> Edits.edit(
                client.resources(io.flowstack.crds.v1alpha1.tenant.Tenant.class).withName(tenant), t -> {
                    t.getMetadata().getLabels().put("touched", "yes");
                    return t;
                }), io.flowstack.crds.v1alpha1.tenant.Tenant.class, null, java.util.List.of(tenant));
    }

    /**
     * Waits until the cluster has seen no write for two seconds in a row: reconciles already under way have ended, so
     * what a test counts next is what its own action causes.
     */
    protected void awaitQuiet() {
        long last = -1;
        int quiet = 0;
        while (quiet < 2) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for quiet", e);
            }
            long now = cluster.writes();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
    }

    @AfterEach
    void stopStack() {
        stack.close();
    }
}
