package io.flowstack.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.testing.Edits;
import io.flowstack.operator.testing.Eventually;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.testing.StackTest;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Who owns the runtime Deployment's replicas: with spec.runtime.replicas unset, whoever scales it (an HPA, kubectl
 * scale: a non-apply write of another manager) and the operator's reconciles and drift repairs leave that alone; set,
 * the operator holds it; suspending scales to zero either way.
 */
class TenantScaleTest extends StackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Resource<Deployment> runtime() {
        return client.apps().deployments().inNamespace("tenant-acme").withName("flowstack-runtime");
    }

    private Tenant tenant() {
        return client.resources(Tenant.class).withName("acme").get();
    }

    private void editTenant(Consumer<Tenant> edit) {
        Edits.edit(client.resources(Tenant.class).withName("acme"), t -> {
            edit.accept(t);
            return t;
        });
    }

    private void awaitReplicas(Integer replicas) {
        Eventually.within(TIMEOUT, () -> assertThat(runtime().get().getSpec().getReplicas()).isEqualTo(replicas));
    }

    private void scaleAsAnAutoscalerWould(int replicas) {
        Edits.edit(runtime(), d -> {
            d.getSpec().setReplicas(replicas);
            return d;
        });
    }

    @Test
    void anotherManagersReplicasSurviveReconcilesAndDriftRepairWhenTheTenantLeavesThemOpen() {
        Tenant acme = Examples.tenant("acme.yaml");
        acme.getSpec().runtime.replicas = null;
        client.resource(acme).create();
        Eventually.within(TIMEOUT, () -> assertThat(Conditions.isTrue(tenant().getStatus().conditions, "Ready"))
                .isTrue());
        assertThat(runtime().get().getSpec().getReplicas()).as("not applied: the API server's default is one")
                .isNull();

        scaleAsAnAutoscalerWould(5);
        // a drift the operator repairs on the same Deployment, and a reconcile of the Tenant
        Edits.edit(runtime(), d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("example/other:1");
            return d;
        });
        Eventually.within(TIMEOUT, () -> assertThat(runtime().get().getSpec().getTemplate().getSpec().getContainers()
                .get(0).getImage()).as("repaired").doesNotContain("example/other"));
        touchAndAwaitReconcile("acme");
        assertThat(runtime().get().getSpec().getReplicas()).as("the autoscaler's").isEqualTo(5);
        Eventually.within(TIMEOUT, () -> assertThat(tenant().getStatus().runtime.replicas)
                .as("status counts the pods the Deployment asks for").isEqualTo(5));

        // suspended: scaled to zero all the same; resumed: the field is left open again
        editTenant(t -> t.getSpec().runtime.suspend = true);
        awaitReplicas(0);
        editTenant(t -> t.getSpec().runtime.suspend = false);
        awaitReplicas(null);
        scaleAsAnAutoscalerWould(3);
        touchAndAwaitReconcile("acme");
        assertThat(runtime().get().getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void setReplicasAreHeldAgainstOtherManagers() {
        client.resource(Examples.tenant("acme.yaml")).create();
        awaitReplicas(tenant().getSpec().runtime.replicas);
        int held = tenant().getSpec().runtime.replicas;
        scaleAsAnAutoscalerWould(held + 4);
        awaitReplicas(held);
        editTenant(t -> t.getSpec().runtime.replicas = 4);
        awaitReplicas(4);
    }
}
