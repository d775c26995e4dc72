package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.TenantLabels;
import io.flowstack.operator.tenant.TenantNames;
import io.flowstack.operator.tenant.desired.RbacDesired;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The owners' admin RoleBinding, present while spec.owners is not empty. */
@KubernetesDependent(informer = @Informer(labelSelector = TenantLabels.MANAGED_SELECTOR))
public class OwnersRoleBindingDependent extends TenantDependent<RoleBinding> {
    public OwnersRoleBindingDependent() {
        super(RoleBinding.class, TenantNames.OWNERS_BINDING);
    }

    @Override
    protected RoleBinding desired(Tenant tenant, Context<Tenant> context) {
        return RbacDesired.ownersBinding(tenant);
    }

    /** Whether the tenant asks for this object; when not, an existing one is deleted. */
    public static class Enabled implements Condition<RoleBinding, Tenant> {
        @Override
        public boolean isMet(DependentResource<RoleBinding, Tenant> dependent, Tenant tenant, Context<Tenant> context) {
            return !tenant.getSpec().owners.isEmpty();
        }
    }
}
