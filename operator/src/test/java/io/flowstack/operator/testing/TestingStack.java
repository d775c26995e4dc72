package io.flowstack.operator.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.tenant.desired.SecretValues;
import java.time.Clock;

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
        restartOperator(OperatorSettings.defaults(), whileStopped);
    }

    /** Stops the operator, runs {@code whileStopped}, and starts a fresh one with other settings (an upgrade). */
    public void restartOperator(OperatorSettings settings, Runnable whileStopped) {
        operator.close();
        whileStopped.run();
        operator = new TestingOperator(cluster.client(), settings, SecretValues.secure(), Clock.systemUTC()).start();
    }

    @Override
    public void close() {
        workloads.close();
        operator.close();
        cluster.close();
    }
}
