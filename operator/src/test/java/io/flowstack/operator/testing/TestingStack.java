package io.flowstack.operator.testing;

import io.fabric8.kubernetes.client.KubernetesClient;

/** What a reconcile test runs against: the cluster stand-in, the operator as shipped, and the readiness fake. */
public final class TestingStack implements AutoCloseable {
    private final TestingCluster cluster = new TestingCluster();
    private TestingOperator operator = new TestingOperator(cluster.client()).start();
    private final TestingWorkloads workloads = new TestingWorkloads(cluster.client()).start();

    public TestingCluster cluster() {
        return cluster;
    }

    public KubernetesClient client() {
        return cluster.client();
    }

    public TestingOperator operator() {
        return operator;
    }

    public TestingWorkloads workloads() {
        return workloads;
    }

    /** Stops the operator and starts a fresh one, as a pod restart would. */
    public void restartOperator() {
        restartOperator(() -> { });
    }

    /** Stops the operator, runs {@code whileStopped}, and starts a fresh one. */
    public void restartOperator(Runnable whileStopped) {
        operator.close();
        whileStopped.run();
        operator = new TestingOperator(cluster.client()).start();
    }

    @Override
    public void close() {
        workloads.close();
        operator.close();
        cluster.close();
    }
}
