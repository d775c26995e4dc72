package io.flowstack.operator.tenant.desired;

import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.StackNames;

/** Where the runtime finds its database: host, port, database and user (the password lives in the Secret). */
public record DatabaseEndpoint(String host, int port, String database, String user) {
    /** The managed PostgreSQL in the tenant namespace. */
    public static DatabaseEndpoint managed(Tenant tenant) {
        return new DatabaseEndpoint(StackNames.DATABASE + "." + tenant.targetNamespace() + ".svc",
                StackNames.DATABASE_PORT, "flowstack", "flowstack");
    }
}
