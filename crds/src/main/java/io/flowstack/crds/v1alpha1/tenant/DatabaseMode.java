package io.flowstack.crds.v1alpha1.tenant;

/** Where a tenant's database comes from. */
public enum DatabaseMode {
    /** A PostgreSQL StatefulSet run by the operator in the tenant namespace. */
    Managed,
    /** A database the platform team provides, described by a connection Secret. */
    External,
    /** A role and database the operator creates on a shared PostgreSQL server. */
    Shared
}
