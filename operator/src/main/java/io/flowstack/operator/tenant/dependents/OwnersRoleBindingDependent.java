package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.desired.StackInputs;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.tenant.desired.RbacDesired;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The owners' admin RoleBinding, present while spec.owners is not empty. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class OwnersRoleBindingDependent extends TenantDependent<RoleBinding> {
    public OwnersRoleBindingDependent() {
        super(RoleBinding.class, TenantDependentKey.OWNERS_BINDING);
    }

    @Override
    RoleBinding build(Tenant tenant, StackInputs inputs) {
        return RbacDesired.ownersBinding(tenant);
    }
}
