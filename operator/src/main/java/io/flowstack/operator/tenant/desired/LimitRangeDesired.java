package io.flowstack.operator.tenant.desired;

import io.flowstack.operator.common.Labels;
import io.flowstack.operator.common.Quantities;
import io.flowstack.operator.common.ObjectMetas;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.LimitRangeItemBuilder;
import io.flowstack.crds.v1alpha1.tenant.ContainerLimits;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.StackNames;

/** spec.limits as a LimitRange for containers. */
public final class LimitRangeDesired {
    private LimitRangeDesired() {
    }

    public static LimitRange build(Tenant tenant) {
        ContainerLimits limits = tenant.getSpec().limits;
        LimitRangeItemBuilder item = new LimitRangeItemBuilder().withType("Container");
        if (limits.defaultRequest != null) {
            item.withDefaultRequest(Quantities.map(limits.defaultRequest));
        }
        if (limits.defaultLimit != null) {
            item.withDefault(Quantities.map(limits.defaultLimit));
        }
        if (limits.max != null) {
            item.withMax(Quantities.map(limits.max));
        }
        return new LimitRangeBuilder()
                .withMetadata(ObjectMetas.of(tenant, StackNames.LIMITS, Labels.COMPONENT_TENANT))
                .withNewSpec().withLimits(item.build()).endSpec()
                .build();
    }
}
