package io.flowstack.operator.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.flowstack.crds.admission.CrdSchemas;
import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.flowstack.operator.common.ClientSerialization;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import java.util.HashMap;
import java.util.List;

/**
 * An in-process stand-in for a cluster: the fabric8 mock server in CRUD mode behind {@link ServerSideApplyDispatcher},
 * with Flowstack's generated CRDs installed.
 */
public final class TestingCluster implements AutoCloseable {
    private final ServerSideApplyDispatcher dispatcher;
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final List<KubernetesClient> others = new java.util.concurrent.CopyOnWriteArrayList<>();

    public TestingCluster() {
        dispatcher = new ServerSideApplyDispatcher(List.of(
                CustomResourceDefinitionContext.fromCustomResourceType(Tenant.class),
                CustomResourceDefinitionContext.fromCustomResourceType(Workflow.class),
                CustomResourceDefinitionContext.fromCustomResourceType(Integration.class),
                CustomResourceDefinitionContext.fromCustomResourceType(BackupPolicy.class)));
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        // the operator's serialization, as its Quarkus application gives its client (OperatorBeans)
        client = server.createClient(builder -> builder.withKubernetesSerialization(operatorSerialization()));
        for (var crd : CrdSchemas.load().crds().values()) {
            client.apiextensions().v1().customResourceDefinitions()
                    .resource(Serialization.unmarshal(crd.toString(), CustomResourceDefinition.class)).create();
        }
    }

    /**
     * The serialization the operator's Quarkus application gives its client ({@code OperatorBeans}): a
     * {@link ClientSerialization} with the operator's kinds registered, so that a watch event of a Flowstack kind, as
     * of any kind of fabric8's model, is read straight into its class (fabric8 reads a kind it does not know as a
     * generic resource and converts it). One instance for all the tests' clients: finding the model's kinds on the
     * class path takes tens of milliseconds, and the serialization keeps no state of a client.
     */
    public static ClientSerialization operatorSerialization() {
        return SharedSerialization.INSTANCE;
    }

    private static final class SharedSerialization {
        static final ClientSerialization INSTANCE = new ClientSerialization().registerOperatorKinds();
    }

    public KubernetesClient client() {
        return client;
    }

    /**
     * A client of the service account whose rights {@code rights} holds, which the cluster now enforces on it (the
     * tests' own {@link #client()} stays allowed everything). Closed with the cluster.
     */
    public KubernetesClient clientOf(RbacAuthorizer rights) {
        dispatcher.authorize(rights);
        KubernetesClient as = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder(client.getConfiguration())
                        .withImpersonateUsername(rights.user()).build())
                .withKubernetesSerialization(operatorSerialization()).build();
        others.add(as);
        return as;
    }

    public ServerSideApplyDispatcher dispatcher() {
        return dispatcher;
    }

    /** The last request the server received (method, path with query, headers, body). */
    public io.fabric8.mockwebserver.http.RecordedRequest lastRequest() throws InterruptedException {
        return server.getLastRequest();
    }

    public long writes() {
        return dispatcher.writes();
    }

    @Override
    public void close() {
        others.forEach(KubernetesClient::close);
        client.close();
        server.destroy();
    }
}
