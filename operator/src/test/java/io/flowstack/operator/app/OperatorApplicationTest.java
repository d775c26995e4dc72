package io.flowstack.operator.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.ClientSerialization;
import io.flowstack.operator.testing.Eventually;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.common.OperatorSettings;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The operator as packaged: the Quarkus application boots, reports health and exposes its metrics. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class OperatorApplicationTest {
    @Inject
    KubernetesClient client;
    @Inject
    Operator operator;
    @Inject
    OperatorSettings settings;

    @Test
    void servesHealthAndMetrics() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("flowstack_tenants{condition=\"Ready\"}")
                .contains("flowstack_tenants{condition=\"Degraded\"}")
                .contains("operator_sdk");
    }

    /** The SDK copies each primary before its reconcile through the client's serialization: the operator's own. */
    @Test
    void theSdkCopiesResourcesThroughTheOperatorsSerialization() {
        assertThat(client.getKubernetesSerialization()).isInstanceOf(ClientSerialization.class);
        assertThat(operator.getConfigurationService().getKubernetesClient().getKubernetesSerialization())
                .isSameAs(client.getKubernetesSerialization());
        Tenant tenant = Examples.tenant("acme.yaml");
        Tenant copy = operator.getConfigurationService().getResourceCloner().clone(tenant);
        assertThat(copy).isNotSameAs(tenant);
        assertThat(Serialization.asJson(copy)).isEqualTo(Serialization.asJson(tenant));
    }

    /**
     * The client reads the operator's kinds straight into their classes (a watch event of a Tenant is a Tenant, not a
     * generic resource converted once more), as the tests' clients do ({@code TestingCluster.operatorSerialization}).
     */
    @Test
    void theClientReadsTheOperatorsKindsIntoTheirClasses() {
        for (var serialization : java.util.List.of(client.getKubernetesSerialization(),
                io.flowstack.operator.testing.TestingCluster.operatorSerialization())) {
            for (Class<?> kind : java.util.List.of(Tenant.class, BackupPolicy.class,
                    io.flowstack.crds.v1alpha1.workflow.Workflow.class,
                    io.flowstack.crds.v1alpha1.integration.Integration.class)) {
                String json = "{\"apiVersion\":\"flowstack.io/v1alpha1\",\"kind\":\"" + kind.getSimpleName()
                        + "\",\"metadata\":{\"name\":\"x\"}}";
                assertThat(serialization.unmarshal(json, io.fabric8.kubernetes.api.model.KubernetesResource.class))
                        .as(kind.getSimpleName()).isInstanceOf(kind);
            }
        }
    }

    /** Without watchNamespaces every controller watches every namespace. */
    @Test
    void everyControllerWatchesEveryNamespaceByDefault() {
        operator.getRegisteredControllers().forEach(c -> assertThat(c.getConfiguration().getEffectiveNamespaces())
                .as(c.getConfiguration().getName()).isEqualTo(Constants.WATCH_ALL_NAMESPACE_SET));
        assertThat(settings.watched().everywhere()).isTrue();
    }

    /** The SDK's metrics that the chart's alert rule and the operator dashboard read, with the labels they use. */
    @Test
    void exposesTheSdkMetricsTheChartsRulesAndDashboardRead() throws Exception {
        BackupPolicy policy = Serialization.unmarshal(Files.readString(Examples.root()
                .resolve("acme/backuppolicy-s3.yaml")), BackupPolicy.class);
        policy.getMetadata().setNamespace("no-tenant-here");
        client.resource(policy).create();
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(given().when().get("/q/metrics").then()
                .statusCode(200).extract().asString().lines())
                .anyMatch(l -> l.startsWith("operator_sdk_reconciliations_started_total{") && l.contains("kind=\"BackupPolicy\""))
                .anyMatch(l -> l.startsWith("operator_sdk_reconciliations_queue_size_backuppolicy{")
                        && l.contains("kind=\"BackupPolicy\"")));
    }
}
