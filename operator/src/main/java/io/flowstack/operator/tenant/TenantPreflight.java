package io.flowstack.operator.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.flowstack.crds.v1alpha1.common.FieldError;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.common.StackNames;
import io.flowstack.operator.tenant.database.DatabaseProvisioning;
import io.flowstack.operator.tenant.dependents.Secondaries;
import io.flowstack.operator.tenant.dependents.TenantDependentKey;
import io.flowstack.operator.tenant.desired.SecretValues;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What must hold before any of a Tenant's objects is made, in order: the spec passes the shared validator, its
 * namespace is not someone else's, and its database is provisioned (Shared: role and database created on the shared
 * server; External: the connection Secret read). The first that fails is the Tenant's problem, and nothing is made.
 */
final class TenantPreflight {
    private final SpecCheck specCheck = new SpecCheck();
    private final DatabaseProvisioning databases;
    private final OperatorSettings settings;
    private final SecretValues secretValues;

    TenantPreflight(DatabaseProvisioning databases, OperatorSettings settings, SecretValues secretValues) {
        this.databases = databases;
        this.settings = settings;
        this.secretValues = secretValues;
    }

    /** The provisioned database, or the problem that keeps the Tenant from having its stack. */
    DatabaseProvisioning.Provisioned check(Tenant tenant, Context<Tenant> context) {
        List<FieldError> errors = specCheck.errors(tenant);
        if (!errors.isEmpty()) {
            return DatabaseProvisioning.Provisioned.problem(TenantReason.InvalidSpec, errors.stream()
                    .map(e -> e.field + ": " + e.message).collect(Collectors.joining("; ")));
        }
        Optional<DatabaseProvisioning.Provisioned> outside = WatchScope.problem(tenant, settings);
        if (outside.isPresent()) {
            return outside.get();
        }
        Namespace namespace = namespace(tenant, context);
        if (namespace == null && !settings.watched().everywhere()) {
            return DatabaseProvisioning.Provisioned.problem(TenantReason.NamespaceMissing, "namespace "
                    + tenant.targetNamespace() + " does not exist: with watchNamespaces the operator does not create"
                    + " namespaces; create it (and the chart's Role in it) and the stack is built then");
        }
        Optional<String> conflict = namespaceConflict(tenant, namespace, !settings.watched().everywhere());
        if (conflict.isPresent()) {
            return DatabaseProvisioning.Provisioned.problem(TenantReason.NamespaceConflict, conflict.get());
        }
        if (namespace != null && namespace.getMetadata().getDeletionTimestamp() != null) {
            return DatabaseProvisioning.Provisioned.problem(TenantReason.NamespaceTerminating, "namespace "
                    + tenant.targetNamespace() + " is being deleted (an earlier stack of this tenant): nothing can be"
                    + " created in it until it is gone; the stack is built again then");
        }
        Optional<Secret> credentials = Secondaries.find(context, Secret.class, TenantDependentKey.KEYS_SECRET,
                new ResourceID(StackNames.DATABASE_SECRET, tenant.targetNamespace()));
        return databases.provision(tenant, context.getClient(), settings, credentials, secretValues);
    }

    void forget(Tenant tenant) {
        specCheck.forget(tenant);
    }

    /** The tenant's namespace as it is now, or null. */
    private static Namespace namespace(Tenant tenant, Context<Tenant> context) {
        String name = tenant.targetNamespace();
        return Secondaries.find(context, Namespace.class, TenantDependentKey.NAMESPACE, new ResourceID(name))
                .orElseGet(() -> context.getClient().namespaces().withName(name).get());
    }

    /**
     * A namespace that exists and was not made by this operator for this tenant is never adopted, except a namespace
     * the platform team listed in watchNamespaces that no other tenant has.
     */
    private static Optional<String> namespaceConflict(Tenant tenant, Namespace namespace, boolean listed) {
        String name = tenant.targetNamespace();
        if (namespace == null || isOwnedBy(namespace, tenant)) {
            return Optional.empty();
        }
        Map<String, String> labels = namespace.getMetadata().getLabels();
        String other = labels == null ? null : labels.get(Labels.TENANT);
        if (listed && (other == null || other.equals(tenant.getMetadata().getName()))) {
            return Optional.empty();
        }
        return Optional.of("namespace " + name + " already exists and " + (other != null ? "belongs to tenant " + other
                : "was not created by Flowstack") + ": set spec.namespace to a namespace that does not exist yet");
    }

    private static boolean isOwnedBy(HasMetadata resource, Tenant tenant) {
        List<OwnerReference> owners = resource.getMetadata().getOwnerReferences();
        if (owners != null && owners.stream().anyMatch(o -> Objects.equals(o.getUid(), tenant.getMetadata().getUid()))) {
            return true;
        }
        Map<String, String> labels = resource.getMetadata().getLabels();
        return labels != null && Labels.MANAGED_BY_VALUE.equals(labels.get(Labels.MANAGED_BY))
                && tenant.getMetadata().getName().equals(labels.get(Labels.TENANT))
                && (owners == null || owners.isEmpty());
    }
}
