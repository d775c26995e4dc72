package io.flowstack.operator.tenant;

import io.flowstack.crds.v1alpha1.common.SecretRef;
import io.flowstack.crds.v1alpha1.tenant.DatabaseSpec;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.common.WatchedNamespaces;
import io.flowstack.operator.tenant.database.DatabaseProvisioning;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * With watchNamespaces, the namespaces a Tenant needs must be ones the operator has rights in: its own namespace
 * (spec.namespace) and those of the Secrets it references (the operator's own namespace is always readable).
 */
final class WatchScope {
    private WatchScope() {
    }

    static Optional<DatabaseProvisioning.Provisioned> problem(Tenant tenant, OperatorSettings settings) {
        WatchedNamespaces watched = settings.watched();
        if (watched.everywhere()) {
            return Optional.empty();
        }
        String namespace = tenant.targetNamespace();
        if (!watched.includes(namespace)) {
            String field = tenant.getSpec().namespace == null ? "spec.namespace (unset, so " + namespace + ")"
                    : "spec.namespace";
            return Optional.of(notWatched(field + ": namespace " + namespace + " is not one the operator watches ("
                    + watched + "): set spec.namespace to one of them, or add it to the chart's watchNamespaces"));
        }
        for (Map.Entry<String, SecretRef> ref : secretRefs(tenant.getSpec().database).entrySet()) {
            String secretNamespace = ref.getValue().namespace;
            if (secretNamespace != null && !secretNamespace.isBlank() && !watched.includes(secretNamespace)
                    && !secretNamespace.equals(settings.operatorNamespace())) {
                return Optional.of(notWatched(ref.getKey() + ".namespace: the operator cannot read Secrets in "
                        + secretNamespace + " (it watches " + watched + " and its own namespace "
                        + settings.operatorNamespace() + ")"));
            }
        }
        return Optional.empty();
    }

    private static DatabaseProvisioning.Provisioned notWatched(String message) {
        return DatabaseProvisioning.Provisioned.problem(TenantReason.NamespaceNotWatched, message);
    }

    private static Map<String, SecretRef> secretRefs(DatabaseSpec database) {
        Map<String, SecretRef> refs = new LinkedHashMap<>();
        if (database != null && database.adminSecretRef != null) {
            refs.put("spec.database.adminSecretRef", database.adminSecretRef);
        }
        if (database != null && database.connectionSecretRef != null) {
            refs.put("spec.database.connectionSecretRef", database.connectionSecretRef);
        }
        return refs;
    }
}
