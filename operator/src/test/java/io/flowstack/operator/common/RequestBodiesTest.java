package io.flowstack.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.common.ConditionStatus;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.tenant.TenantStatus;
import io.flowstack.operator.tenant.desired.SecretValues;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.testing.OfflineStacks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RequestBodies} writes what fabric8's serialization writes, including where an additional property wins. */
class RequestBodiesTest {
    private final KubernetesSerialization fabric8 = new KubernetesSerialization();

    @ParameterizedTest
    @ValueSource(strings = {"acme.yaml", "globex.yaml"})
    void writesEveryObjectOfAStackAsFabric8Does(String example) {
        Tenant tenant = Examples.tenant(example);
        List<Object> objects = new ArrayList<>(OfflineStacks.objects(tenant, SecretValues.secure()));
        objects.add(tenant);
        objects.add(withStatus(tenant));

        assertThat(objects).hasSizeGreaterThan(10).allSatisfy(object ->
                assertThat(RequestBodies.json(fabric8, object)).isEqualTo(fabric8.asJson(object)));
    }

    @Test
    void anAdditionalPropertyNamedLikeAFieldIsWrittenInItsPlaceAsFabric8Does() {
        Service service = new ServiceBuilder().withNewMetadata().withName("api").withNamespace("default")
                .endMetadata().withNewSpec().addNewPort().withPort(80).withTargetPort(new IntOrString(8080)).endPort()
                .endSpec().build();
        service.getSpec().getPorts().get(0).setAdditionalProperty("port", "http");

        String json = RequestBodies.json(fabric8, service);

        assertThat(json).isEqualTo(fabric8.asJson(service)).contains("\"port\":\"http\"")
                .doesNotContain("\"port\":80");
    }

    @Test
    void anOverrideDeepInAStackObjectOrOfAFieldLeftOutIsWrittenAsFabric8Does() {
        Tenant tenant = Examples.tenant("acme.yaml");
        List<HasMetadata> stack = OfflineStacks.objects(tenant, SecretValues.secure());
        Deployment runtime = stack.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .findFirst().orElseThrow();
        runtime.getSpec().getTemplate().getSpec().getContainers().get(0).setAdditionalProperty("image", "other:1");
        runtime.getSpec().getTemplate().getSpec().setAdditionalProperty("hostname", "pinned");

        String json = RequestBodies.json(fabric8, runtime);

        assertThat(runtime.getSpec().getTemplate().getSpec().getHostname()).isNull();
        assertThat(json).isEqualTo(fabric8.asJson(runtime)).contains("\"image\":\"other:1\"")
                .contains("\"hostname\":\"pinned\"");
    }

    @Test
    void additionalPropertiesOfTheirOwnNameAreWrittenWithTheFields() {
        Service service = new ServiceBuilder().withNewMetadata().withName("api").endMetadata().build();
        service.getMetadata().setAdditionalProperty("team", "payments");

        assertThat(RequestBodies.json(fabric8, service)).isEqualTo(fabric8.asJson(service))
                .contains("\"team\":\"payments\"");
    }

    static Tenant withStatus(Tenant tenant) {
        Tenant copy = new KubernetesSerialization().clone(tenant);
        TenantStatus status = new TenantStatus();
        Condition ready = new Condition("Ready", ConditionStatus.True, "StackReady", "every part is ready");
        ready.lastTransitionTime = "2026-12-04T15:00:00Z";
        status.conditions.add(ready);
        status.observedGeneration = 3L;
        status.namespace = tenant.targetNamespace();
        status.runtime = new TenantStatus.ComponentStatus();
        status.runtime.ready = true;
        status.runtime.readyReplicas = 2;
        copy.setStatus(status);
        copy.getMetadata().setAnnotations(Map.of("flowstack.io/rotate-secrets", "1"));
        return copy;
    }
}
