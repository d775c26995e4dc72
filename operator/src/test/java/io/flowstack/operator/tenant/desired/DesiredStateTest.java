package io.flowstack.operator.tenant.desired;

import java.util.List;
import io.flowstack.contract.SecretKeys;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.flowstack.crds.v1alpha1.tenant.RuntimeSpec;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.testing.Examples;
import java.util.HashMap;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The desired-state builders: pure functions of a Tenant and the operator's settings, one behaviour each. */
class DesiredStateTest {
    private final OperatorSettings settings = OperatorSettings.defaults();
    private Tenant acme;
    private final AtomicInteger counter = new AtomicInteger();
    private final SecretValues values = bytes -> "value-" + counter.incrementAndGet();

    @BeforeEach
    void load() {
        acme = Examples.tenant("acme.yaml");
    }

    @Test
    void labelsAreBuiltNotCopiedFromTheTenant() {
        acme.getMetadata().setLabels(new HashMap<>(java.util.Map.of("app.kubernetes.io/instance", "argocd-app",
                "argocd.argoproj.io/instance", "apps")));
        Deployment deployment = RuntimeDesired.deployment(acme, settings, "c", List.of());
        assertThat(deployment.getMetadata().getLabels())
                .containsEntry("flowstack.io/tenant", "acme")
                .containsEntry("app.kubernetes.io/component", "runtime")
                .as("no app.kubernetes.io/instance: Argo CD's label tracking would take it for an Application's")
                .doesNotContainKey("app.kubernetes.io/instance")
                .containsEntry("app.kubernetes.io/managed-by", "flowstack-operator")
                .doesNotContainKey("argocd.argoproj.io/instance");
        assertThat(deployment.getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void runtimeReadsItsSecretsFromSecretRefsNeverAsLiterals() {
        Deployment deployment = RuntimeDesired.deployment(acme, settings, "c", List.of());
        var env = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        assertThat(env).filteredOn(e -> e.getName().equals("FLOWSTACK_DB_PASSWORD")).singleElement()
                .satisfies(e -> {
                    assertThat(e.getValue()).isNull();
                    assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("flowstack-db");
                });
        assertThat(env).extracting(EnvVar::getName).contains("FLOWSTACK_API_TOKEN", "FLOWSTACK_WEBHOOK_SIGNING_KEY",
                "FLOWSTACK_ENCRYPTION_KEY", "TZ");
    }

    @Test
    void replicasAreHeldWhenSetAndLeftToOthersWhenNot() {
        acme.getSpec().runtime.replicas = 3;
        assertThat(RuntimeDesired.deployment(acme, settings, "c", List.of()).getSpec().getReplicas()).isEqualTo(3);
        acme.getSpec().runtime.replicas = null;
        assertThat(RuntimeDesired.replicas(acme)).isNull();
        assertThat(RuntimeDesired.deployment(acme, settings, "c", List.of()).getSpec().getReplicas())
                .as("not in the applied configuration: an HPA or kubectl scale owns the field").isNull();
        acme.getSpec().runtime.suspend = true;
        assertThat(RuntimeDesired.replicas(acme)).as("suspending scales to zero all the same").isZero();
        acme.getSpec().runtime.suspendMode = RuntimeSpec.SuspendMode.Maintenance;
        assertThat(RuntimeDesired.replicas(acme)).isEqualTo(1);
    }

    @Test
    void suspendScalesToZeroOrKeepsOneMaintenancePod() {
        acme.getSpec().runtime.suspend = true;
        assertThat(RuntimeDesired.replicas(acme)).isZero();
        acme.getSpec().runtime.suspendMode = RuntimeSpec.SuspendMode.Maintenance;
        assertThat(RuntimeDesired.replicas(acme)).isEqualTo(1);
        assertThat(RuntimeDesired.deployment(acme, settings, "c", List.of()).getSpec().getTemplate().getSpec().getContainers().get(0)
                .getEnv()).anySatisfy(e -> {
                    assertThat(e.getName()).isEqualTo("FLOWSTACK_MAINTENANCE");
                    assertThat(e.getValue()).isEqualTo("true");
                });
    }

    @Test
    void imageComesFromTheSpecOrTheOperatorDefault() {
        assertThat(RuntimeDesired.image(acme, settings)).isEqualTo("ghcr.io/flowstack/runtime:0.1.0");
        acme.getSpec().runtime.version = "0.2.0";
        assertThat(RuntimeDesired.image(acme, settings)).isEqualTo("ghcr.io/flowstack/runtime:0.2.0");
        acme.getSpec().runtime.version = null;
        acme.getSpec().runtime.image = "registry.example/rt@sha256:abc";
        assertThat(RuntimeDesired.version(acme, settings)).isEqualTo("sha256:abc");
    }

    @Test
    void checksumChangesWithAnySecretValue() {
        Secret keys = SecretsDesired.keys(acme, Optional.empty(), values);
        String before = SecretsDesired.checksum(keys);
        Secret rotated = SecretsDesired.keys(acme, Optional.empty(), values);
        assertThat(SecretsDesired.checksum(rotated)).isNotEqualTo(before);
        assertThat(SecretsDesired.checksum(keys)).isEqualTo(before);
    }

    @Test
    void existingKeysAreKeptUntilRotationIsRequested() {
        Secret first = SecretsDesired.keys(acme, Optional.empty(), values);
        assertThat(SecretsDesired.keys(acme, Optional.of(first), values).getData()).isEqualTo(first.getData());
        acme.getMetadata().setAnnotations(new HashMap<>(java.util.Map.of(SecretsDesired.ROTATE_ANNOTATION, "1")));
        Secret rotated = SecretsDesired.keys(acme, Optional.of(first), values);
        assertThat(rotated.getData().get(SecretKeys.API_TOKEN)).isNotEqualTo(first.getData().get(SecretKeys.API_TOKEN));
        assertThat(rotated.getData().get(SecretKeys.PREVIOUS_ENCRYPTION_KEY))
                .isEqualTo(first.getData().get(SecretKeys.ENCRYPTION_KEY));
    }

    @Test
    void networkPolicyDeniesIngressButFromAllowedNamespacesAndLimitsEgressOnlyWhenAsked() {
        NetworkPolicy policy = NetworkPolicyDesired.build(acme, settings);
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getIngress().get(0).getFrom())
                .extracting(p -> p.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))
                .containsExactly("tenant-acme", "flowstack-system", "monitoring", "ingress-nginx");
        acme.getSpec().network.allowEgressCidrs.add("10.0.0.0/8");
        NetworkPolicy limited = NetworkPolicyDesired.build(acme, settings);
        assertThat(limited.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(limited.getSpec().getEgress()).hasSize(3);
    }

    @Test
    void quotaBoundsRequestsAndMemoryLimits() {
        var quota = QuotaDesired.build(acme);
        assertThat(quota.getSpec().getHard()).containsEntry("requests.cpu", new Quantity("4"))
                .containsEntry("limits.memory", new Quantity("8Gi")).containsEntry("pods", new Quantity("30"));
    }

    @Test
    void databaseKeepsItsDataOnAVolumeClaim() {
        var statefulSet = DatabaseDesired.statefulSet(acme, settings);
        assertThat(statefulSet.getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests())
                .containsEntry("storage", new Quantity("20Gi"));
        assertThat(statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("docker.io/library/postgres:17");
    }
}
