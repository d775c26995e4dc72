package io.flowstack.operator.tenant.dependents;

/**
 * The names of the Tenant's dependents, as the reconciler's {@code @Workflow} declares them (annotations need the
 * constants of {@link Names}; code uses the enum). A test checks that both say the same.
 */
public enum TenantDependentKey {
    NAMESPACE(Names.NAMESPACE),
    QUOTA(Names.QUOTA),
    LIMITS(Names.LIMITS),
    NETWORK_POLICY(Names.NETWORK_POLICY),
    RUNTIME_SERVICE_ACCOUNT(Names.RUNTIME_SERVICE_ACCOUNT),
    OWNERS_BINDING(Names.OWNERS_BINDING),
    /** The Secrets informer, shared by both Secret dependents. */
    KEYS_SECRET(Names.KEYS_SECRET),
    DATABASE_SECRET(Names.DATABASE_SECRET),
    /** The Services informer, shared by both Service dependents. */
    DATABASE_SERVICE(Names.DATABASE_SERVICE),
    DATABASE(Names.DATABASE),
    RUNTIME_SERVICE(Names.RUNTIME_SERVICE),
    RUNTIME_PDB(Names.RUNTIME_PDB),
    DEFINITIONS(Names.DEFINITIONS),
    RUNTIME(Names.RUNTIME);

    private final String key;

    TenantDependentKey(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The same names as compile-time constants, for annotations. */
    public static final class Names {
        public static final String NAMESPACE = "namespace";
        public static final String QUOTA = "quota";
        public static final String LIMITS = "limits";
        public static final String NETWORK_POLICY = "network-policy";
        public static final String RUNTIME_SERVICE_ACCOUNT = "runtime-service-account";
        public static final String OWNERS_BINDING = "owners-binding";
        public static final String KEYS_SECRET = "keys-secret";
        public static final String DATABASE_SECRET = "database-secret";
        public static final String DATABASE_SERVICE = "database-service";
        public static final String DATABASE = "database";
        public static final String RUNTIME_SERVICE = "runtime-service";
        public static final String RUNTIME_PDB = "runtime-pdb";
        public static final String DEFINITIONS = "definitions";
        public static final String RUNTIME = "runtime";

        private Names() {
        }
    }
}
