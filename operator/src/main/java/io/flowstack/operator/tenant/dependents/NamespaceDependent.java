package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.Namespace;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.desired.StackInputs;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.tenant.desired.NamespaceDesired;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The tenant's namespace, labelled for the restricted Pod Security Standard. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class NamespaceDependent extends TenantDependent<Namespace> {
    public NamespaceDependent() {
        super(Namespace.class, null, true);
    }

    @Override
    Namespace build(Tenant tenant, StackInputs inputs) {
        return NamespaceDesired.build(tenant);
    }
}
