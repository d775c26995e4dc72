package io.flowstack.operator.tenant.monitoring;

import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitorBuilder;
import io.flowstack.contract.RuntimePaths;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.common.ObjectMetas;
import io.flowstack.operator.common.StackNames;

/**
 * The ServiceMonitor that has Prometheus scrape the tenant's runtime Service ({@code /q/metrics} on the http port,
 * every 30 s). The job label is the Service's name, which the alerts select on; the pod label tells replicas apart.
 */
public final class RuntimeServiceMonitor {
    public static final String NAME = StackNames.RUNTIME;

    private RuntimeServiceMonitor() {
    }

    public static ServiceMonitor desired(Tenant tenant) {
        return new ServiceMonitorBuilder()
                .withMetadata(ObjectMetas.of(tenant, NAME, Labels.COMPONENT_RUNTIME))
                .withNewSpec()
                .withNewSelector().withMatchLabels(Labels.selector(tenant, Labels.COMPONENT_RUNTIME)).endSelector()
                .withNewNamespaceSelector().withMatchNames(tenant.targetNamespace()).endNamespaceSelector()
                .addNewEndpoint().withPort("http").withPath(RuntimePaths.METRICS).withInterval("30s")
                .withScheme("http").endEndpoint()
                .endSpec()
                .build();
    }
}
