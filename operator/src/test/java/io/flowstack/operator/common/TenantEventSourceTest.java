package io.flowstack.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.operator.testing.Eventually;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.testing.StackTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The namespaced kinds' controllers (Workflow, Integration, BackupPolicy) share one informer of Tenants: the cluster
 * sees two watches of Tenants (the Tenant controller's and that one), not four, also after a restart of the operator;
 * and a Tenant still wakes the objects of its namespace.
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
    void oneTenantWatchServesTheNamespacedControllersAndItsEventsWakeThem() {
        assertThat(tenantWatches()).isEqualTo(2);
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

        // a Tenant that names the namespace: only the shared informer's event can tell the Workflow
        Tenant tenant = Examples.tenant("acme.yaml");
        tenant.getMetadata().setName("team-x");
        tenant.getSpec().namespace = "team-x";
        client.resource(tenant).create();
        Eventually.within(TIMEOUT, () -> assertThat(ready("team-x", "early").reason)
                .isNotEqualTo("NotInTenantNamespace"));

        // a restarted operator releases the shared watch and opens one again: two more, not four
        stack.restartOperator();
        Eventually.within(TIMEOUT, () -> assertThat(tenantWatches()).isEqualTo(4));
        client.resources(Tenant.class).withName("team-x").delete();
        Eventually.within(TIMEOUT, () -> assertThat(ready("team-x", "early").reason)
                .isEqualTo("NotInTenantNamespace"));
        assertThat(tenantWatches()).isEqualTo(4);
    }
}
