package io.flowstack.operator.tenant;

import io.flowstack.operator.common.Reason;

/** The reasons of a Tenant's conditions: the same words appear in status, events and alerts. */
public enum TenantReason implements Reason {
    /** The spec fails the shared validator (field paths in the message). */
    InvalidSpec(true),
    /** spec.namespace names a namespace that is not this tenant's. */
    NamespaceConflict(true),
    /** A Secret the spec references does not exist. */
    SecretMissing(true),
    /** The tenant's namespace is being deleted (an earlier stack's); the stack is built again once it is gone. */
    NamespaceTerminating(true),
    /**
     * With watchNamespaces: spec.namespace (or a referenced Secret's namespace) is not one the operator watches, so
     * it has no rights there.
     */
    NamespaceNotWatched(true),
    /** With watchNamespaces: the tenant's namespace does not exist (the operator does not create namespaces then). */
    NamespaceMissing(true),
    /** A referenced Secret lacks a key, or a key has a wrong value. */
    SecretKeyMissing(true),
    /** The shared or external database server cannot be reached. */
    DatabaseUnreachable(true),
    /** The shared server was reached but refused to create or alter the tenant's role or database. */
    DatabaseProvisioningFailed(true),
    /** The API server refused a write of the stack (an immutable field, a terminating namespace, a conflict). */
    WriteRefused(true),
    /** spec.database.managed.storage is smaller than the database's volume, which cannot shrink. */
    StorageShrinkRefused(true),
    StackReady(false),
    Progressing(false),
    Reconciled(false),
    AsExpected(false);

    private final boolean problem;

    TenantReason(boolean problem) {
        this.problem = problem;
    }

    @Override
    public boolean problem() {
        return problem;
    }
}
