package io.flowstack.operator.tenant.desired;

import java.util.List;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.testing.RestrictedPodSecurity;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every pod template the operator generates passes the restricted Pod Security Standard. */
class PodSecurityStandardTest {
    static Stream<Tenant> tenants() {
        Tenant acme = Examples.tenant("acme.yaml");
        acme.getMetadata().setUid("uid-acme");
        return Stream.of(acme);
    }

    @ParameterizedTest
    @MethodSource("tenants")
    void runtimePodTemplateIsRestricted(Tenant tenant) {
        PodSpec pod = RuntimeDesired.deployment(tenant, OperatorSettings.defaults(), "checksum", List.of()).getSpec().getTemplate().getSpec();
        assertThat(RestrictedPodSecurity.violations(pod)).isEmpty();
        assertThat(pod.getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("tenants")
    void databasePodTemplateIsRestricted(Tenant tenant) {
        PodSpec pod = DatabaseDesired.statefulSet(tenant, OperatorSettings.defaults()).getSpec().getTemplate().getSpec();
        assertThat(RestrictedPodSecurity.violations(pod)).isEmpty();
        assertThat(pod.getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    }

    @Test
    void theCheckerRejectsWhatTheProfileForbids() {
        PodSpec pod = new PodSpecBuilder().withHostNetwork(true)
                .addNewVolume().withName("host").withNewHostPath().withPath("/").endHostPath().endVolume()
                .addNewContainer().withName("app").withNewSecurityContext().withPrivileged(true).endSecurityContext()
                .endContainer().build();
        assertThat(RestrictedPodSecurity.violations(pod)).contains("host namespaces", "volume host of type hostPath",
                "container app: privileged", "container app: allowPrivilegeEscalation must be false",
                "container app: capabilities must drop ALL", "container app: runAsNonRoot must be true",
                "container app: seccompProfile must be RuntimeDefault or Localhost");
    }
}
