package io.flowstack.operator.tenant;

import io.flowstack.crds.v1alpha1.tenant.DatabaseMode;
import io.flowstack.crds.v1alpha1.tenant.DeletionPolicy;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.common.StackNames;
import io.flowstack.operator.tenant.database.DatabaseProvisioning;
import io.flowstack.operator.tenant.database.SharedDatabases;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What a Tenant's deletion does, by its deletionPolicy. Retain (the default) removes the Tenant's owner references from
 * the namespace and the Secrets, so garbage collection leaves them and the volumes behind; Delete lets garbage
 * collection remove the namespace, and drops a Shared database's role and database first.
 */
final class TenantDeletion {
    private static final Logger LOG = Logger.getLogger(TenantDeletion.class);
    static final Duration DROP_RETRY = Duration.ofSeconds(30);

    private final DatabaseProvisioning databases;
    private final OperatorSettings settings;

    TenantDeletion(DatabaseProvisioning databases, OperatorSettings settings) {
        this.databases = databases;
        this.settings = settings;
    }

    DeleteControl delete(Tenant tenant, Context<Tenant> context) {
        if (tenant.getSpec() != null && tenant.getSpec().deletionPolicy == DeletionPolicy.Delete) {
            if (tenant.getSpec().database != null && tenant.getSpec().database.mode == DatabaseMode.Shared) {
                try {
                    databases.dropShared(tenant, context.getClient(), settings);
                } catch (SharedDatabases.ProvisioningException e) {
                    LOG.warnf("tenant %s: cannot drop its shared database yet, retrying: %s",
                            tenant.getMetadata().getName(), e.getMessage());
                    return DeleteControl.noFinalizerRemoval().rescheduleAfter(DROP_RETRY);
                }
            }
            return DeleteControl.defaultDelete();
        }
        String namespace = tenant.targetNamespace();
        var client = context.getClient();
        Orphaning.release(client.namespaces().withName(namespace), tenant);
        for (String secret : List.of(StackNames.KEYS_SECRET, StackNames.DATABASE_SECRET)) {
            Orphaning.release(client.secrets().inNamespace(namespace).withName(secret), tenant);
        }
        LOG.infof("tenant %s deleted with deletionPolicy Retain: namespace %s and its data are kept",
                tenant.getMetadata().getName(), namespace);
        return DeleteControl.defaultDelete();
    }
}
