package io.flowstack.operator.tenant.dependents;

import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.desired.DatabaseDesired;

/** The reconcile preconditions of the optional parts of a Tenant's stack, each a function of its spec. */
public final class StackConditions {
    private StackConditions() {
    }

    /** The managed PostgreSQL's objects exist only in mode Managed; switching away deletes them (the volume stays). */
    public static class ManagedDatabase extends TenantCondition {
        @Override
        public boolean holds(Tenant tenant) {
            return DatabaseDesired.isManaged(tenant);
        }
    }

    /** A ResourceQuota while spec.quota is set. */
    public static class QuotaSet extends TenantCondition {
        @Override
        public boolean holds(Tenant tenant) {
            return tenant.getSpec().quota != null;
        }
    }

    /** A LimitRange while spec.limits is set. */
    public static class LimitsSet extends TenantCondition {
        @Override
        public boolean holds(Tenant tenant) {
            return tenant.getSpec().limits != null;
        }
    }

    /** The owners' RoleBinding while spec.owners is not empty. */
    public static class OwnersSet extends TenantCondition {
        @Override
        public boolean holds(Tenant tenant) {
            return !tenant.getSpec().owners.isEmpty();
        }
    }
}
