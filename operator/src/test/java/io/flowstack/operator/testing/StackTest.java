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

    @AfterEach
    void stopStack() {
        stack.close();
    }
}
