package io.flowstack.operator.tenant;

/** Something about a Tenant that its owner must fix; it becomes Ready=False with this reason and message. */
public record TenantProblem(Reason reason, String message) {

    /** Typed reasons: the same words appear in status, events and alerts. */
    public enum Reason {
        InvalidSpec, NamespaceConflict, SecretMissing, SecretKeyMissing, DatabaseUnreachable
    }
}
