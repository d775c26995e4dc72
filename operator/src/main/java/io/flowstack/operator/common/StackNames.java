package io.flowstack.operator.common;

import io.flowstack.contract.RuntimePaths;

/**
 * Names of the objects in a tenant's namespace; one place, so every kind's controller, status and render agree (a
 * backup reads the database Secret, monitoring scrapes the runtime Service).
 */
public final class StackNames {
    public static final String RUNTIME = "flowstack-runtime";
    public static final String DATABASE = "flowstack-postgres";
    public static final String DATABASE_SECRET = "flowstack-db";
    public static final String KEYS_SECRET = "flowstack-keys";
    public static final String QUOTA = "flowstack-quota";
    public static final String LIMITS = "flowstack-limits";
    public static final String NETWORK_POLICY = "flowstack-isolation";
    public static final String OWNERS_BINDING = "flowstack-owners";
    public static final String RUNTIME_SERVICE_ACCOUNT = "flowstack-runtime";

    public static final int RUNTIME_PORT = RuntimePaths.PORT;
    public static final int DATABASE_PORT = 5432;

    private StackNames() {
    }

    /** The runtime's in-cluster base URL in a tenant namespace. */
    public static String runtimeUrl(String namespace) {
        return "http://" + RUNTIME + "." + namespace + ".svc:" + RUNTIME_PORT;
    }
}
