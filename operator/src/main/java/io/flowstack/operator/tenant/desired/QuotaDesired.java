package io.flowstack.operator.tenant.desired;

import io.flowstack.operator.common.Labels;
import io.flowstack.operator.common.Quantities;
import io.flowstack.operator.common.ObjectMetas;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.flowstack.crds.v1alpha1.tenant.Quota;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.StackNames;
import java.util.LinkedHashMap;
import java.util.Map;

/** spec.quota as a ResourceQuota: cpu and memory bound requests (memory also limits), storage, pods. */
public final class QuotaDesired {
    private QuotaDesired() {
    }

    public static ResourceQuota build(Tenant tenant) {
        Quota quota = tenant.getSpec().quota;
        Map<String, Quantity> hard = new LinkedHashMap<>();
        if (quota.cpu != null) {
            hard.put("requests.cpu", Quantities.canonical(quota.cpu));
        }
        if (quota.memory != null) {
            hard.put("requests.memory", Quantities.canonical(quota.memory));
            hard.put("limits.memory", Quantities.canonical(quota.memory));
        }
        if (quota.storage != null) {
            hard.put("requests.storage", Quantities.canonical(quota.storage));
        }
        if (quota.pods != null) {
            hard.put("pods", new Quantity(Integer.toString(quota.pods)));
        }
        return new ResourceQuotaBuilder()
                .withMetadata(ObjectMetas.of(tenant, StackNames.QUOTA, Labels.COMPONENT_TENANT))
                .withNewSpec().withHard(hard).endSpec()
                .build();
    }
}
