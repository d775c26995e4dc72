package io.flowstack.operator.tenant.desired;

import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.TenantNames;

/** Where the runtime finds its database: host, port, database and user (the password lives in the Secret). */
public record DatabaseEndpoint(String host, int port, String database, String user) {
    /** Key of the endpoint in the reconcile context, when the reconciler resolved it (modes Shared and External). */
    public static final String CONTEXT_KEY = "flowstack.database-endpoint";
    /** Key of the database password (base64, as in Secret data) in the reconcile context, when it is not generated here. */
    public static final String PASSWORD_CONTEXT_KEY = "flowstack.database-password";

    /** The managed PostgreSQL in the tenant namespace. */
    public static DatabaseEndpoint managed(Tenant tenant) {
        return new DatabaseEndpoint(TenantNames.DATABASE + "." + tenant.targetNamespace() + ".svc",
                TenantNames.DATABASE_PORT, "flowstack", "flowstack");
    }
}
