package io.flowstack.operator.tenant;

/** Names of the objects in a tenant's namespace; one place, so the reconciler, status and render agree. */
public final class TenantNames {
    public static final String RUNTIME = "flowstack-runtime";
    public static final String DATABASE = "flowstack-postgres";
    public static final String DATABASE_SECRET = "flowstack-db";
    public static final String KEYS_SECRET = "flowstack-keys";
    public static final String QUOTA = "flowstack-quota";
    public static final String LIMITS = "flowstack-limits";
    public static final String NETWORK_POLICY = "flowstack-isolation";
    public static final String OWNERS_BINDING = "flowstack-owners";
    public static final String RUNTIME_SERVICE_ACCOUNT = "flowstack-runtime";

    public static final int RUNTIME_PORT = 8080;
    public static final int DATABASE_PORT = 5432;

    private TenantNames() {
    }
}
