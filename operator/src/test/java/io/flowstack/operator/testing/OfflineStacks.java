package io.flowstack.operator.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.definitions.Projection;
import io.flowstack.operator.tenant.TenantObjects;
import io.flowstack.operator.tenant.desired.DatabaseEndpoint;
import io.flowstack.operator.tenant.desired.OfflineInputs;
import io.flowstack.operator.tenant.desired.SecretValues;
import java.util.List;
import java.util.Set;

/** A Tenant's stack as render builds it (managed database endpoint, nothing projected), for comparing with a cluster. */
public final class OfflineStacks {
    private OfflineStacks() {
    }

    public static List<HasMetadata> objects(Tenant tenant, SecretValues values) {
        return TenantObjects.of(tenant, new OfflineInputs(tenant, OperatorSettings.defaults(), values,
                DatabaseEndpoint.managed(tenant), new Projection.Result(List.of(), List.of(), Set.of())));
    }
}
