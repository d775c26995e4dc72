package io.flowstack.operator.tenant.monitoring;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.tenant.MonitoringSpec;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.common.StatusWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Tenant's monitoring objects, made apart from the stack's dependents because their kinds may be missing from the
 * cluster (an informer on a kind the server does not serve would stop the operator from starting). Each reconcile
 * reads the two objects and applies only what differs from the desired ones, so an unchanged Tenant writes nothing
 * and an object deleted by hand comes back. The result is the MonitoringReady condition; it never fails the stack.
 */
public final class TenantMonitoring {
    public static final String CONDITION = "MonitoringReady";
    private final MonitoringApi api;

    public TenantMonitoring(MonitoringApi api) {
        this.api = api;
    }

    /** The objects for a tenant with monitoring enabled (what {@code flowstack render} shows). */
    public static List<HasMetadata> desired(Tenant tenant) {
        if (!MonitoringSpec.enabled(tenant.getSpec().monitoring)) {
            return List.of();
        }
        return List.of(RuntimeServiceMonitor.desired(tenant), TenantAlerts.desired(tenant));
    }

    public Condition reconcile(Tenant tenant, KubernetesClient client) {
        boolean enabled = MonitoringSpec.enabled(tenant.getSpec().monitoring);
        if (!api.installed(client)) {
            return Conditions.of(CONDITION, false, MonitoringReason.PrometheusOperatorNotInstalled, "the cluster serves"
                    + " no ServiceMonitor and PrometheusRule (" + MonitoringApi.GROUP_VERSION + "): install the"
                    + " Prometheus operator; the tenant's alerts appear once it is there");
        }
        try {
            if (!enabled) {
                remove(tenant, client, ServiceMonitor.class, RuntimeServiceMonitor.NAME);
                remove(tenant, client, PrometheusRule.class, TenantAlerts.NAME);
                return Conditions.of(CONDITION, false, MonitoringReason.MonitoringDisabled,
                        "spec.monitoring.enabled is false: the tenant has no alerts");
            }
            applyIfChanged(tenant, client, RuntimeServiceMonitor.desired(tenant));
            applyIfChanged(tenant, client, TenantAlerts.desired(tenant));
        } catch (KubernetesClientException e) {
            return Conditions.of(CONDITION, false, MonitoringReason.MonitoringRefused, "the API server refused the"
                    + " monitoring objects (HTTP " + e.getCode() + "): " + message(e));
        }
        return Conditions.of(CONDITION, true, MonitoringReason.AlertsInstalled, "ServiceMonitor "
                + RuntimeServiceMonitor.NAME + " and PrometheusRule " + TenantAlerts.NAME + " with "
                + TenantAlerts.ALERTS.size() + " alerts");
    }

    private static void applyIfChanged(Tenant tenant, KubernetesClient client, HasMetadata desired) {
        desired.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
                .withApiVersion(tenant.getApiVersion()).withKind(tenant.getKind())
                .withName(tenant.getMetadata().getName()).withUid(tenant.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build()));
        HasMetadata live = client.resources(desired.getClass()).inNamespace(desired.getMetadata().getNamespace())
                .withName(desired.getMetadata().getName()).get();
        if (live != null && holds(live, desired)) {
            return;
        }
        client.resource(desired).fieldManager(OperatorSettings.FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    /** Whether the live object has the desired labels, owner and spec (others may add labels and annotations). */
    private static boolean holds(HasMetadata live, HasMetadata desired) {
        Map<String, String> labels = live.getMetadata().getLabels() == null ? Map.of() : live.getMetadata().getLabels();
        return labels.entrySet().containsAll(desired.getMetadata().getLabels().entrySet())
                && Objects.equals(live.getMetadata().getOwnerReferences(), desired.getMetadata().getOwnerReferences())
                && StatusWriter.same(spec(live), spec(desired));
    }

    private static Object spec(HasMetadata resource) {
        if (resource instanceof PrometheusRule rule) {
            return rule.getSpec();
        }
        return ((ServiceMonitor) resource).getSpec();
    }

    private static <T extends HasMetadata> void remove(Tenant tenant, KubernetesClient client, Class<T> kind,
                                                       String name) {
        var resource = client.resources(kind).inNamespace(tenant.targetNamespace()).withName(name);
        if (resource.get() != null) {
            resource.delete();
        }
    }

    private static String message(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getMessage();
    }
}
