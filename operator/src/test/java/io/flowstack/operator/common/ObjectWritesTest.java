package io.flowstack.operator.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.common.ConditionStatus;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.tenant.TenantStatus;
import io.flowstack.operator.tenant.desired.SecretValues;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.testing.OfflineStacks;
import io.flowstack.operator.testing.RbacAuthorizer;
import io.flowstack.operator.testing.TestingCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * {@link ObjectWrites} sends what fabric8's {@code serverSideApply()}, status apply and {@code create()} send and answers
 * as they do: the same request byte for byte for every object of a Tenant's stack and for a Tenant's status, the same
 * object back, and the API server's refusals (409, 422, 403) as the same exception with the same code and Status.
 */
class ObjectWritesTest {
    private static final String MANAGER = OperatorSettings.FIELD_MANAGER;

    private record Sent(String method, String path, String contentType, String body) {
        static Sent of(RecordedRequest request) {
            return new Sent(request.getMethod(), request.getPath(), request.getHeader("Content-Type"),
                    request.getUtf8Body());
        }
    }

    @Test
    void sendsFabric8sRequestForEveryObjectOfAStackAndReturnsTheSameObject() throws Exception {
        List<Sent> sent = writeTheStackBothWays((client, object) -> client.resource(object).fieldManager(MANAGER)
                .forceConflicts().serverSideApply(), ObjectWritesTest::apply);

        assertThat(sent).allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("PATCH");
            assertThat(request.path()).endsWith("?fieldManager=" + MANAGER + "&force=true");
        });
    }

    @Test
    void createSendsFabric8sRequestForEveryObjectOfAStackAndReturnsTheSameObject() throws Exception {
        List<Sent> sent = writeTheStackBothWays((client, object) -> client.resource(object).create(),
                ObjectWritesTest::create);

        assertThat(sent).allSatisfy(request -> assertThat(request.method()).isEqualTo("POST"));
        assertThat(sent).as("the kinds the SDK creates by POST are in the stack")
                .anyMatch(request -> request.path().endsWith("/secrets"));
    }

    @Test
    void aStatusApplySendsFabric8sRequestAndReturnsTheSameObject() throws Exception {
        try (TestingCluster one = new TestingCluster(); TestingCluster other = new TestingCluster()) {
            Tenant stored = one.client().resource(Examples.tenant("acme.yaml")).create();
            other.client().resource(Examples.tenant("acme.yaml")).create();

            Tenant expected = one.client().resource(statusPatch(stored)).subresource("status")
                    .patch(new PatchContext.Builder().withForce(true).withFieldManager(MANAGER)
                            .withPatchType(PatchType.SERVER_SIDE_APPLY).build());
            Sent fabric8Sent = Sent.of(one.lastRequest());
            Tenant answer = ObjectWrites.applyStatus(other.client(), statusPatch(stored), Tenant.class, MANAGER);

            assertThat(Sent.of(other.lastRequest())).isEqualTo(fabric8Sent);
            assertThat(fabric8Sent.path()).endsWith("/tenants/acme/status?fieldManager=" + MANAGER + "&force=true");
            assertThat(answer.getStatus().conditions).extracting(c -> c.reason).containsExactly("StackReady");
            assertThat(strip(answer, other.client())).isEqualTo(strip(expected, one.client()));
        }
    }

    @Test
    void aStatusApplyOnAnOlderVersionIsTheSame409AndChangesNothing() {
        try (TestingCluster cluster = new TestingCluster()) {
            KubernetesClient client = cluster.client();
            Tenant stored = client.resource(Examples.tenant("acme.yaml")).create();
            Tenant older = statusPatch(stored);
            older.getMetadata().setResourceVersion(String.valueOf(
                    Long.parseLong(stored.getMetadata().getResourceVersion()) - 1));

            KubernetesClientException direct = refusal(() -> ObjectWrites.applyStatus(client, older, Tenant.class,
                    MANAGER));

            assertThat(direct.getCode()).isEqualTo(409);
            assertThat(client.resources(Tenant.class).withName("acme").get().getStatus()).isNull();
        }
    }

    /** A status patch as {@link StatusWriter} makes it: name, the stored resourceVersion, the status. */
    private static Tenant statusPatch(Tenant stored) {
        Tenant patch = new Tenant();
        patch.setMetadata(new ObjectMetaBuilder().withName(stored.getMetadata().getName())
                .withResourceVersion(stored.getMetadata().getResourceVersion()).build());
        TenantStatus status = new TenantStatus();
        status.conditions.add(new Condition("Ready", ConditionStatus.True, "StackReady", "every part is ready"));
        patch.setStatus(status);
        return patch;
    }

    /**
     * Writes every object of acme's stack through fabric8 to one cluster and directly to another, checks that both
     * sent the same request and got the same object back (typed, stored, versioned); returns fabric8's requests.
     */
    private static List<Sent> writeTheStackBothWays(BiFunction<KubernetesClient, HasMetadata, HasMetadata> fabric8,
                                                    BiFunction<KubernetesClient, HasMetadata, HasMetadata> direct)
            throws Exception {
        List<HasMetadata> stack = OfflineStacks.objects(Examples.tenant("acme.yaml"), SecretValues.secure());
        List<Sent> sent = new ArrayList<>();
        try (TestingCluster one = new TestingCluster(); TestingCluster other = new TestingCluster()) {
            for (HasMetadata object : stack) {
                HasMetadata copy = one.client().getKubernetesSerialization().clone(object);
                HasMetadata expected = fabric8.apply(one.client(), object);
                Sent fabric8Sent = Sent.of(one.lastRequest());
                HasMetadata answer = direct.apply(other.client(), copy);

                assertThat(Sent.of(other.lastRequest())).as(object.getKind()).isEqualTo(fabric8Sent);
                assertThat(answer.getClass()).isEqualTo(object.getClass());
                assertThat(answer.getMetadata().getResourceVersion()).isNotBlank();
                assertThat(strip(answer, other.client())).as(object.getKind())
                        .isEqualTo(strip(expected, one.client()));
                sent.add(fabric8Sent);
            }
        }
        return sent;
    }

    @Test
    void aCreateOfAnObjectThatExistsIsTheSame409AndChangesNothing() {
        try (TestingCluster cluster = new TestingCluster()) {
            KubernetesClient client = cluster.client();
            create(client, secret("one"));

            KubernetesClientException direct = refusal(() -> create(client, secret("two")));
            KubernetesClientException fabric8 = refusal(() -> client.resource(secret("two")).create());

            assertThat(direct.getCode()).isEqualTo(409).isEqualTo(fabric8.getCode());
            assertThat(direct.getStatus().getReason()).isEqualTo("AlreadyExists")
                    .isEqualTo(fabric8.getStatus().getReason());
            assertThat(direct.getStatus().getMessage()).isEqualTo("secrets \"keys\" already exists");
            assertThat(client.secrets().inNamespace("default").withName("keys").get().getStringData())
                    .containsEntry("token", "one");
        }
    }

    @Test
    void aCreateOnlyApplyOfAnObjectThatExistsIsTheSame409() {
        try (TestingCluster cluster = new TestingCluster()) {
            KubernetesClient client = cluster.client();
            Service service = service("10.0.0.1");
            apply(client, service);
            Service again = service("10.0.0.1");
            again.getMetadata().setResourceVersion("1");   // what the SDK sets on a create

            KubernetesClientException direct = refusal(() -> apply(client, again));
            KubernetesClientException fabric8 = refusal(() -> client.resource(again).fieldManager(MANAGER)
                    .forceConflicts().serverSideApply());

            assertThat(direct.getCode()).isEqualTo(409).isEqualTo(fabric8.getCode());
            assertThat(direct.getStatus().getReason()).isEqualTo("Conflict").isEqualTo(fabric8.getStatus().getReason());
        }
    }

    @Test
    void anInvalidChangeIsTheSame422WithTheFieldPath() {
        try (TestingCluster cluster = new TestingCluster()) {
            KubernetesClient client = cluster.client();
            apply(client, service("10.0.0.1"));

            KubernetesClientException direct = refusal(() -> apply(client, service("10.0.0.2")));
            KubernetesClientException fabric8 = refusal(() -> client.resource(service("10.0.0.2"))
                    .fieldManager(MANAGER).forceConflicts().serverSideApply());

            assertThat(direct.getCode()).isEqualTo(422).isEqualTo(fabric8.getCode());
            assertThat(direct.getStatus().getMessage()).contains("spec.clusterIPs[0]")
                    .isEqualTo(fabric8.getStatus().getMessage());
            assertThat(client.services().inNamespace("default").withName("api").get().getSpec().getClusterIP())
                    .as("nothing applied").isEqualTo("10.0.0.1");
        }
    }

    @Test
    void aForbiddenApplyIsTheSame403() {
        try (TestingCluster cluster = new TestingCluster()) {
            KubernetesClient nobody = cluster.clientOf(RbacAuthorizer.of(List.of(), "default", "nobody"));

            KubernetesClientException direct = refusal(() -> apply(nobody, service("10.0.0.1")));
            KubernetesClientException fabric8 = refusal(() -> nobody.resource(service("10.0.0.1"))
                    .fieldManager(MANAGER).forceConflicts().serverSideApply());

            assertThat(direct.getCode()).isEqualTo(403).isEqualTo(fabric8.getCode());
            assertThat(direct.getStatus().getReason()).isEqualTo(fabric8.getStatus().getReason());
            assertThat(cluster.client().services().inNamespace("default").withName("api").get()).isNull();
        }
    }

    @SuppressWarnings("unchecked")
    private static <R extends HasMetadata> R apply(KubernetesClient client, R object) {
        return ObjectWrites.apply(client, object, (Class<R>) object.getClass(), MANAGER);
    }

    @SuppressWarnings("unchecked")
    private static <R extends HasMetadata> R create(KubernetesClient client, R object) {
        return ObjectWrites.create(client, object, (Class<R>) object.getClass());
    }

    private static KubernetesClientException refusal(Runnable apply) {
        return catchThrowableOfType(KubernetesClientException.class, apply::run);
    }

    /** The object as the server stored it, minus what differs between two stores (uid, times, versions). */
    private static String strip(HasMetadata object, KubernetesClient client) {
        HasMetadata copy = client.getKubernetesSerialization().clone(object);
        copy.getMetadata().setUid(null);
        copy.getMetadata().setCreationTimestamp(null);
        copy.getMetadata().setResourceVersion(null);
        copy.getMetadata().setManagedFields(null);
        return client.getKubernetesSerialization().asJson(copy);
    }

    private static Secret secret(String token) {
        return new SecretBuilder().withNewMetadata().withName("keys").withNamespace("default").endMetadata()
                .addToStringData("token", token).build();
    }

    private static Service service(String clusterIp) {
        return new ServiceBuilder().withNewMetadata().withName("api").withNamespace("default").endMetadata()
                .withNewSpec().withClusterIP(clusterIp).addNewPort().withPort(80).endPort().endSpec().build();
    }
}
