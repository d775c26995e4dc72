package io.flowstack.operator.tenant;

/** Something about a Tenant that its owner must fix; it becomes Ready=False and Degraded=True with this reason. */
public record TenantProblem(TenantReason reason, String message) {
}
