package io.flowstack.operator.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.operator.testing.Eventually;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.testing.StackTest;
import io.flowstack.operator.runtimeapi.RuntimeApi;
import io.flowstack.operator.testing.TestingOperator;
import io.flowstack.operator.workflow.WorkflowReconciler;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The namespaced kinds' controllers (Workflow, Integration, BackupPolicy) see the Tenant controller's Tenants, relayed
 * ({@link TenantRelay}): the cluster sees one watch of Tenants, not two (or four), also after a restart of the
 * operator; and a Tenant still wakes the objects of its namespace, as it appears, changes and goes.
 */
class TenantEventSourceTest extends StackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private long tenantWatches() {
        return cluster.dispatcher().requestsByVerb().getOrDefault("WATCH tenants", 0L);
    }

    private Condition ready(String namespace, String name) {
        Workflow workflow = client.resources(Workflow.class).inNamespace(namespace).withName(name).get();
        assertThat(workflow.getStatus()).isNotNull();
        return Conditions.find(workflow.getStatus().conditions, "Ready").orElseThrow();
    }

    @Test
    void oneTenantWatchServesEveryControllerAndItsEventsWakeTheNamespacedOnes() {
        assertThat(tenantWatches()).isEqualTo(1);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-x").endMetadata().build())
                .create();
        client.resource(Serialization.unmarshal("""
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: early, namespace: team-x}
                spec:
                  trigger: {manual: {}}
                  steps:
                    - {name: a, type: delay, delay: {duration: 1s}}
                """, Workflow.class)).create();
        Eventually.within(TIMEOUT, () -> assertThat(ready("team-x", "early").reason)
                .isEqualTo("NotInTenantNamespace"));

        // a Tenant that names the namespace: only the relayed event can tell the Workflow
        Tenant tenant = Examples.tenant("acme.yaml");
        tenant.getMetadata().setName("team-x");
        tenant.getSpec().namespace = "team-x";
        client.resource(tenant).create();
        Eventually.within(TIMEOUT, () -> assertThat(ready("team-x", "early").reason)
                .isNotEqualTo("NotInTenantNamespace"));

        // a restarted operator opens one watch of Tenants again
        stack.restartOperator();
        Eventually.within(TIMEOUT, () -> assertThat(tenantWatches()).isEqualTo(2));
        client.resources(Tenant.class).withName("team-x").delete();
        Eventually.within(TIMEOUT, () -> assertThat(ready("team-x", "early").reason)
                .isEqualTo("NotInTenantNamespace"));
        assertThat(tenantWatches()).isEqualTo(2);
    }

    /**
     * A namespaced controller whose operator runs no Tenant controller has no Tenants to see: with the SDK's default
     * (stop on informer errors at start) it refuses to start, and says why, within the cache sync timeout.
     */
    @Test
    void aNamespacedControllerWithoutTheTenantControllerRefusesToStartAndSaysWhy() {
        Operator alone = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false)
                .withCacheSyncTimeout(Duration.ofSeconds(1)).withStopOnInformerErrorDuringStartup(true));
        alone.register(new WorkflowReconciler(Clock.systemUTC(), new RuntimeApi(TestingOperator.NO_RUNTIME),
                new TenantRelay()));
        try {
            assertThatThrownBy(alone::start).hasStackTraceContaining(
                    "The Tenant controller's cache of tenants.flowstack.io did not sync within PT1S");
        } finally {
            try {
                alone.stop();
            } catch (RuntimeException e) {
                // stopped after a failed start: nothing left to stop
            }
        }
    }
}
