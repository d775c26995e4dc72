package io.flowstack.operator.tenant;

import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.SpecOrMetadataChange;

/** Tenant updates that call for a reconcile (see {@link SpecOrMetadataChange}). */
public class TenantUpdateFilter extends SpecOrMetadataChange<Tenant> {
}
