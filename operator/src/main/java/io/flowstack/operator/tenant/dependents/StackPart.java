package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.desired.StackInputs;
import java.util.List;

/**
 * A dependent of the Tenant's workflow as {@code flowstack render} sees it: the objects it makes, from the same pure
 * builders it applies in the cluster. Render walks the reconciler's {@code @Workflow} declaration and asks each part.
 */
public interface StackPart {
    List<HasMetadata> render(Tenant tenant, StackInputs inputs);
}
