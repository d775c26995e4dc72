package io.flowstack.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.desired.SecretValues;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.testing.OfflineStacks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ClientSerialization} copies as fabric8's serialization does: equal objects, nothing mutable shared. */
class ClientSerializationTest {
    private final KubernetesSerialization fabric8 = new KubernetesSerialization();
    private final ClientSerialization copies = new ClientSerialization();

    /** Every object of the example's stack, its Tenant, and the Tenant with status as the operator's cache holds it. */
    private List<Object> stackAndTenants(String example) {
        Tenant tenant = Examples.tenant(example);
        List<Object> objects = new ArrayList<>(OfflineStacks.objects(tenant, SecretValues.secure()));
        objects.add(tenant);
        objects.add(cachedTenant(RequestBodiesTest.withStatus(tenant)));
        return objects;
    }

    /** The runtime Deployment of the example's stack. */
    private static Deployment runtime(String example) {
        return OfflineStacks.objects(Examples.tenant(example), SecretValues.secure()).stream()
                .filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme.yaml", "globex.yaml"})
    void copiesEveryObjectOfAStackAndTheTenantAsFabric8Does(String example) {
        List<Object> objects = stackAndTenants(example);

        assertThat(objects).hasSizeGreaterThan(10).allSatisfy(object -> {
            Object copy = copies.clone(object);
            assertThat(copy).isNotSameAs(object).isInstanceOf(object.getClass());
            assertThat(fabric8.asJson(copy)).isEqualTo(fabric8.asJson(object))
                    .isEqualTo(fabric8.asJson(fabric8.clone(object)));
            if (!(object instanceof Tenant)) {   // the model's classes define equals; the Tenant's spec does not
                assertThat(copy).isEqualTo(fabric8.clone(object)).isEqualTo(object);
            }
        });
    }

    /** The SDK's server-side-apply matcher reads both objects it compares into maps through the client's serialization. */
    @ParameterizedTest
    @ValueSource(strings = {"acme.yaml", "globex.yaml"})
    void readsEveryObjectOfAStackAndTheTenantIntoTheMapFabric8Makes(String example) {
        List<Object> objects = stackAndTenants(example);
        Deployment overridden = runtime(example);
        overridden.getSpec().getTemplate().getSpec().getContainers().get(0).setAdditionalProperty("image", "other:1");
        objects.add(overridden);

        assertThat(objects).hasSizeGreaterThan(10).allSatisfy(object -> {
            Map<?, ?> map = copies.convertValue(object, Map.class);
            assertThat(map).isEqualTo(fabric8.convertValue(object, Map.class));
            assertThat(fabric8.asJson(map)).isEqualTo(fabric8.asJson(object));
        });
        // anything else is converted as fabric8 converts it
        assertThat(copies.convertValue(Map.of("kind", "Tenant"), Tenant.class).getKind()).isEqualTo("Tenant");
    }

    @Test
    void aCopySharesNoMutablePartWithTheOriginal() {
        Tenant original = cachedTenant(RequestBodiesTest.withStatus(Examples.tenant("acme.yaml")));
        String before = fabric8.asJson(original);

        Tenant copy = copies.clone(original);
        copy.getMetadata().getFinalizers().add("other/finalizer");
        copy.getMetadata().getLabels().put("team", "payments");
        copy.getMetadata().getManagedFields().get(0).setManager("someone-else");
        copy.getStatus().conditions.get(0).reason = "Changed";
        copy.getStatus().conditions.add(copy.getStatus().conditions.get(0));
        copy.getSpec().quota = null;

        assertThat(fabric8.asJson(original)).isEqualTo(before);
        assertThat(copy.getSpec()).isNotSameAs(original.getSpec());
    }

    @Test
    void anAdditionalPropertyNamedLikeAFieldIsCopiedAsFabric8CopiesIt() {
        Deployment runtime = runtime("acme.yaml");
        runtime.getSpec().getTemplate().getSpec().getContainers().get(0).setAdditionalProperty("image", "other:1");

        Deployment copy = copies.clone(runtime);

        assertThat(copy).isNotSameAs(runtime).isEqualTo(fabric8.clone(runtime));
        assertThat(copy.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("other:1");
    }

    @Test
    void additionalPropertiesAndNullAreCopied() {
        Service service = new ServiceBuilder().withNewMetadata().withName("api").endMetadata().build();
        service.getMetadata().setAdditionalProperty("team", Map.of("name", "payments", "size", 3));

        assertThat(copies.clone(service)).isEqualTo(fabric8.clone(service)).isNotSameAs(service);
        assertThat(copies.clone((Object) null)).isNull();
    }

    /** A Tenant as the operator's cache holds it: read from the API server's JSON, with finalizer, uid, versions. */
    private Tenant cachedTenant(Tenant tenant) {
        Tenant cached = fabric8.clone(tenant);
        cached.getMetadata().setUid("5f0c7e52-6f2e-4a51-9d0c-7f5d0e2a1b3c");
        cached.getMetadata().setResourceVersion("4711");
        cached.getMetadata().setGeneration(3L);
        cached.getMetadata().setCreationTimestamp("2026-12-04T15:00:00Z");
        cached.getMetadata().setFinalizers(new ArrayList<>(List.of("tenants.flowstack.io/finalizer")));
        cached.getMetadata().setLabels(new java.util.HashMap<>(Map.of("tier", "smb")));
        cached.getMetadata().setManagedFields(new ArrayList<>(List.of(new ManagedFieldsEntryBuilder()
                .withManager("flowstack-operator").withOperation("Apply").withApiVersion("flowstack.io/v1alpha1")
                .withTime("2026-12-04T15:00:01Z").withFieldsType("FieldsV1").build())));
        return fabric8.unmarshal(fabric8.asJson(cached), Tenant.class);
    }
}
