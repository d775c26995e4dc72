package io.flowstack.operator.tenant.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.testing.Edits;
import io.flowstack.operator.testing.Eventually;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.testing.StackTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Tenant's monitoring objects, reconciled by the operator as shipped against the mock server and the double, whose
 * discovery serves monitoring.coreos.com/v1 only once its CRDs are installed (and refuses its kinds before).
 */
class MonitoringReconcileTest extends StackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String NS = "tenant-acme";

    private static CustomResourceDefinition crd(String plural, String kind) {
        return new CustomResourceDefinitionBuilder().withNewMetadata().withName(plural + ".monitoring.coreos.com")
                .endMetadata().withNewSpec().withGroup("monitoring.coreos.com").withScope("Namespaced")
                .withNewNames().withPlural(plural).withSingular(kind.toLowerCase()).withKind(kind).endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true).withNewSchema()
                .withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema().endVersion().endSpec().build();
    }

    private void installPrometheusOperator() {
        client.apiextensions().v1().customResourceDefinitions().resource(crd("servicemonitors", "ServiceMonitor"))
                .create();
        client.apiextensions().v1().customResourceDefinitions().resource(crd("prometheusrules", "PrometheusRule"))
                .create();
    }

    private Condition monitoring() {
        Tenant tenant = client.resources(Tenant.class).withName("acme").get();
        return Conditions.find(tenant.getStatus() == null ? null : tenant.getStatus().conditions,
                TenantMonitoring.CONDITION).orElseThrow(() -> new AssertionError("no MonitoringReady yet"));
    }

    private PrometheusRule rule() {
        return client.resources(PrometheusRule.class).inNamespace(NS).withName(TenantAlerts.NAME).get();
    }

    @Test
    void withoutThePrometheusOperatorTheConditionSaysSoAndTheObjectsComeWhenItArrives() {
        client.resource(Examples.tenant("acme.yaml")).create();
        Eventually.within(TIMEOUT, () -> {
            assertThat(monitoring().reason).isEqualTo(MonitoringReason.PrometheusOperatorNotInstalled.name());
            assertThat(monitoring().message).contains("install the Prometheus operator");
            assertThat(Conditions.isTrue(client.resources(Tenant.class).withName("acme").get().getStatus().conditions,
                    "Ready")).as("nothing else fails").isTrue();
        });

        installPrometheusOperator();   // no operator restart: the periodic discovery sees it and wakes the tenant
        Eventually.within(TIMEOUT, () -> {
            assertThat(monitoring().reason).isEqualTo(MonitoringReason.AlertsInstalled.name());
            assertThat(client.resources(ServiceMonitor.class).inNamespace(NS).withName(RuntimeServiceMonitor.NAME)
                    .get()).isNotNull();
            assertThat(rule()).isNotNull();
        });
        assertThat(rule().getSpec()).isEqualTo(TenantAlerts.desired(Examples.tenant("acme.yaml")).getSpec());
        assertThat(rule().getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getKind()).isEqualTo("Tenant"));
    }

    @Test
    void aThresholdChangeUpdatesTheRuleAnUnchangedTenantWritesNothingAndDisablingRemovesThem() {
        installPrometheusOperator();
        client.resource(Examples.tenant("acme.yaml")).create();
        Eventually.within(TIMEOUT, () -> assertThat(monitoring().reason)
                .isEqualTo(MonitoringReason.AlertsInstalled.name()));

        awaitQuiet();   // a reconcile already under way would count as this one's
        long before = cluster.writes();
        stack.operator().awaitReconciled(TIMEOUT, () -> Edits.edit(client.resources(Tenant.class).withName("acme"),
                t -> {
                    t.getMetadata().setLabels(Map.of("touched", "yes"));
                    return t;
                }), Tenant.class, null, List.of("acme"));
        assertThat(cluster.writes() - before).as("writes besides the touch: %s", cluster.dispatcher()
                .writesByResource()).isEqualTo(1);

        Edits.edit(client.resources(Tenant.class).withName("acme"), t -> {
            t.getSpec().monitoring.slowExecutionSeconds = 90.0;
            return t;
        });
        Eventually.within(TIMEOUT, () -> assertThat(rule().getSpec().getGroups().get(0).getRules())
                .filteredOn(r -> r.getAlert().equals(TenantAlerts.SLOW_EXECUTIONS)).singleElement()
                .satisfies(r -> assertThat(r.getExpr().getStrVal()).endsWith(">= 90")));

        client.resources(PrometheusRule.class).inNamespace(NS).withName(TenantAlerts.NAME).delete();
        Edits.edit(client.resources(Tenant.class).withName("acme"), t -> {
            t.getMetadata().setLabels(Map.of("touched", "again"));
            return t;
        });
        Eventually.within(TIMEOUT, () -> assertThat(rule()).as("a rule deleted by hand comes back").isNotNull());

        Edits.edit(client.resources(Tenant.class).withName("acme"), t -> {
            t.getSpec().monitoring.enabled = false;
            return t;
        });
        Eventually.within(TIMEOUT, () -> {
            assertThat(monitoring().reason).isEqualTo(MonitoringReason.MonitoringDisabled.name());
            assertThat(rule()).isNull();
            assertThat(client.resources(ServiceMonitor.class).inNamespace(NS).withName(RuntimeServiceMonitor.NAME)
                    .get()).isNull();
        });
    }

    @Test
    void theDoubleRefusesTheKindsBeforeTheirCrdsExist() {
        assertThat(client.getApiResources(MonitoringApi.GROUP_VERSION)).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.resources(PrometheusRule.class)
                .inNamespace(NS).resource(TenantAlerts.desired(Examples.tenant("acme.yaml"))).create())
                .isInstanceOf(io.fabric8.kubernetes.client.KubernetesClientException.class)
                .hasMessageContaining("could not find the requested resource");
        installPrometheusOperator();
        assertThat(client.getApiResources(MonitoringApi.GROUP_VERSION).getResources())
                .extracting(r -> r.getName()).containsExactlyInAnyOrder("servicemonitors", "prometheusrules");
    }
}
