package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.flowstack.operator.common.StackNames;

/**
 * The Tenant's dependents: the names the reconciler's {@code @Workflow} declares (annotations need the constants of
 * {@link Names}; code uses the enum; a test checks that both say the same), and the object each one keeps: its kind,
 * its name in the tenant's namespace (none: the namespace itself; {@link #DEFINITIONS} keeps a set of ConfigMaps), and
 * whether others write its status (a Deployment, a StatefulSet and a PodDisruptionBudget have status that their
 * controllers update, a ResourceQuota the usage the quota controller counts whenever a pod or claim comes or goes; a
 * change there is no change of what the operator applied).
 */
public enum TenantDependentKey {
    NAMESPACE(Names.NAMESPACE, Namespace.class, null),
    QUOTA(Names.QUOTA, ResourceQuota.class, StackNames.QUOTA, true),
    LIMITS(Names.LIMITS, LimitRange.class, StackNames.LIMITS),
    NETWORK_POLICY(Names.NETWORK_POLICY, NetworkPolicy.class, StackNames.NETWORK_POLICY),
    RUNTIME_SERVICE_ACCOUNT(Names.RUNTIME_SERVICE_ACCOUNT, ServiceAccount.class, StackNames.RUNTIME_SERVICE_ACCOUNT),
    OWNERS_BINDING(Names.OWNERS_BINDING, RoleBinding.class, StackNames.OWNERS_BINDING),
    /** The Secrets informer, shared by both Secret dependents. */
    KEYS_SECRET(Names.KEYS_SECRET, Secret.class, StackNames.KEYS_SECRET),
    DATABASE_SECRET(Names.DATABASE_SECRET, Secret.class, StackNames.DATABASE_SECRET),
    /** The Services informer, shared by both Service dependents. */
    DATABASE_SERVICE(Names.DATABASE_SERVICE, Service.class, StackNames.DATABASE),
    DATABASE(Names.DATABASE, StatefulSet.class, StackNames.DATABASE, true),
    RUNTIME_SERVICE(Names.RUNTIME_SERVICE, Service.class, StackNames.RUNTIME),
    RUNTIME_PDB(Names.RUNTIME_PDB, PodDisruptionBudget.class, StackNames.RUNTIME, true),
    DEFINITIONS(Names.DEFINITIONS, ConfigMap.class, null),
    RUNTIME(Names.RUNTIME, Deployment.class, StackNames.RUNTIME, true);

    private final String key;
    private final Class<? extends HasMetadata> type;
    private final String objectName;
    private final boolean statusByOthers;

    TenantDependentKey(String key, Class<? extends HasMetadata> type, String objectName) {
        this(key, type, objectName, false);
    }

    TenantDependentKey(String key, Class<? extends HasMetadata> type, String objectName, boolean statusByOthers) {
        this.key = key;
        this.type = type;
        this.objectName = objectName;
        this.statusByOthers = statusByOthers;
    }

    public String key() {
        return key;
    }

    /** The kind of object this dependent keeps. */
    public Class<? extends HasMetadata> type() {
        return type;
    }

    /** Its name in the tenant's namespace; null for the namespace itself and for the definitions ConfigMaps. */
    public String objectName() {
        return objectName;
    }

    /** Whether a controller other than the operator writes its status (readiness, disruptions allowed). */
    public boolean statusByOthers() {
        return statusByOthers;
    }

    /** The event source whose cache holds the object: kinds of two dependents share the first one's informer. */
    public TenantDependentKey informer() {
        return switch (this) {
            case DATABASE_SECRET -> KEYS_SECRET;
            case RUNTIME_SERVICE -> DATABASE_SERVICE;
            default -> this;
        };
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
