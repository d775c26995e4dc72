package io.flowstack.operator.tenant.desired;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.Labels;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tenant's namespace, enforcing the restricted Pod Security Standard. */
public final class NamespaceDesired {
    private NamespaceDesired() {
    }

    public static Namespace build(Tenant tenant) {
        Map<String, String> labels = new LinkedHashMap<>(Labels.of(tenant, Labels.COMPONENT_TENANT));
        for (String mode : new String[] {"enforce", "audit", "warn"}) {
            labels.put("pod-security.kubernetes.io/" + mode, "restricted");
            labels.put("pod-security.kubernetes.io/" + mode + "-version", "latest");
        }
        return new NamespaceBuilder()
                .withNewMetadata().withName(tenant.targetNamespace()).withLabels(labels).endMetadata()
                .build();
    }
}
