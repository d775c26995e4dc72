package io.flowstack.operator.tenant;

import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.TransformingItemStore;

/**
 * The Tenant controller's cache of Tenants: each as the API server sent it, less its {@code managedFields}. Nothing in
 * the operator reads a Tenant's managedFields (its own writes to a Tenant are server-side applies of new objects: the
 * finalizer, the status), yet the SDK copies the cached Tenant, through JSON, before every reconcile, and those
 * entries (one per field manager, a node per field it set, every condition included) were most of what it copied.
 */
public final class TenantItemStore extends TransformingItemStore<Tenant> {
    @Override
    protected Tenant kept(Tenant tenant) {
        if (tenant.getMetadata() != null) {
            tenant.getMetadata().setManagedFields(null);
        }
        return tenant;
    }
}
