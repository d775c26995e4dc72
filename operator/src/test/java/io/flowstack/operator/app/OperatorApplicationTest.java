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

    /**
     * So does it every kind of the stack its informers watch: the application's client, and the tests' client that
     * stands in for it, alike (the tests' client once knew only the operator's kinds, and read every Deployment,
     * Secret, ... event as a generic resource and converted it: a cost the application does not have).
     */
    @Test
    void theClientReadsTheStacksKindsIntoTheirClasses() {
        java.util.Map<String, Class<?>> kinds = new java.util.LinkedHashMap<>();
        kinds.put("v1/Namespace", io.fabric8.kubernetes.api.model.Namespace.class);
        kinds.put("v1/Secret", io.fabric8.kubernetes.api.model.Secret.class);
        kinds.put("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class);
        kinds.put("v1/Service", io.fabric8.kubernetes.api.model.Service.class);
        kinds.put("v1/ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class);
        kinds.put("v1/LimitRange", io.fabric8.kubernetes.api.model.LimitRange.class);
        kinds.put("v1/ResourceQuota", io.fabric8.kubernetes.api.model.ResourceQuota.class);
        kinds.put("v1/PersistentVolumeClaim", io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class);
        kinds.put("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class);
        kinds.put("apps/v1/StatefulSet", io.fabric8.kubernetes.api.model.apps.StatefulSet.class);
        kinds.put("policy/v1/PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class);
        kinds.put("networking.k8s.io/v1/NetworkPolicy",
                io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class);
        kinds.put("rbac.authorization.k8s.io/v1/RoleBinding", io.fabric8.kubernetes.api.model.rbac.RoleBinding.class);
        kinds.put("batch/v1/CronJob", io.fabric8.kubernetes.api.model.batch.v1.CronJob.class);
        kinds.put("batch/v1/Job", io.fabric8.kubernetes.api.model.batch.v1.Job.class);
        for (var serialization : java.util.List.of(client.getKubernetesSerialization(),
                io.flowstack.operator.testing.TestingCluster.operatorSerialization())) {
            kinds.forEach((typeMeta, kind) -> {
                int slash = typeMeta.lastIndexOf('/');
                String json = "{\"apiVersion\":\"" + typeMeta.substring(0, slash) + "\",\"kind\":\""
                        + typeMeta.substring(slash + 1) + "\",\"metadata\":{\"name\":\"x\"}}";
                assertThat(serialization.unmarshal(json, io.fabric8.kubernetes.api.model.KubernetesResource.class))
                        .as(typeMeta).isInstanceOf(kind);
            });
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
