package io.flowstack.operator.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

/** The operator as packaged: the Quarkus application boots, reports health and exposes its metrics. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class OperatorApplicationTest {

    @Test
    void servesHealthAndMetrics() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("flowstack_tenants{condition=\"Ready\"}")
                .contains("flowstack_tenants{condition=\"Degraded\"}")
                .contains("operator_sdk");
    }
}
