package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.Secret;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.TenantLabels;
import io.flowstack.operator.tenant.TenantNames;
import io.flowstack.operator.tenant.desired.DatabaseEndpoint;
import io.flowstack.operator.tenant.desired.SecretsDesired;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Map;

/**
 * The runtime's database credentials (host, port, database, user, password). The password is generated once and kept;
 * the other keys follow the database's endpoint.
 */
@KubernetesDependent(informer = @Informer(labelSelector = TenantLabels.MANAGED_SELECTOR))
public class DatabaseSecretDependent extends TenantDependent<Secret> {
    public DatabaseSecretDependent() {
        super(Secret.class, TenantNames.DATABASE_SECRET);
    }

    @Override
    protected Secret desired(Tenant tenant, Context<Tenant> context) {
        var workflow = context.managedWorkflowAndDependentResourceContext();
        DatabaseEndpoint endpoint = workflow.get(DatabaseEndpoint.CONTEXT_KEY, DatabaseEndpoint.class)
                .orElseGet(() -> DatabaseEndpoint.managed(tenant));
        return SecretsDesired.databaseCredentials(tenant, getSecondaryResource(tenant, context), endpoint,
                workflow.get(DatabaseEndpoint.PASSWORD_CONTEXT_KEY, String.class), KeysSecretDependent.values(context));
    }

    /** Matches when every key but the password has its desired value and a password exists. */
    @Override
    public Matcher.Result<Secret> match(Secret actual, Tenant tenant, Context<Tenant> context) {
        Map<String, String> data = actual.getData();
        if (data == null || data.get("password") == null) {
            return Matcher.Result.nonComputed(false);
        }
        Secret desired = desired(tenant, context);
        boolean same = desired.getData().equals(data)
                && TenantLabels.of(tenant, "database").entrySet().stream()
                .allMatch(e -> e.getValue().equals(actual.getMetadata().getLabels() == null ? null
                        : actual.getMetadata().getLabels().get(e.getKey())));
        return Matcher.Result.computed(same, desired);
    }
}
