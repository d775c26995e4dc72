package io.flowstack.operator.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowstack.operator.OperatorSettings;
import io.flowstack.operator.tenant.TenantReconciler;
import io.flowstack.operator.tenant.desired.SecretValues;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;

/** The Tenant controller run by plain JOSDK against a {@link TestingCluster}, with server-side apply as shipped. */
public final class TestingOperator implements AutoCloseable {
    private final Operator operator;

    public TestingOperator(KubernetesClient client, OperatorSettings settings, SecretValues values, Clock clock) {
        operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(true)
                .withSSABasedCreateUpdateMatchForDependentResources(true));
        operator.register(new TenantReconciler(settings, values, clock));
    }

    public TestingOperator(KubernetesClient client) {
        this(client, OperatorSettings.defaults(), SecretValues.secure(), Clock.systemUTC());
    }

    public TestingOperator start() {
        operator.start();
        return this;
    }

    @Override
    public void close() {
        operator.stop();
    }
}
