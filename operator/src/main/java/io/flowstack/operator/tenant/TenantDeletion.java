package io.flowstack.operator.tenant;

import io.flowstack.crds.v1alpha1.tenant.DatabaseMode;
import io.flowstack.crds.v1alpha1.tenant.DeletionPolicy;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.flowstack.operator.common.Labels;
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
 * collection remove the namespace, and drops a Shared database's role and database first. With watchNamespaces the
 * namespace stays (it is the platform team's): Delete removes the stack from it.
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

    /**
     * With watchNamespaces the namespace is the platform team's and garbage collection does not delete it: what the
     * namespace would have taken with it goes here, the database's volume claims (the StatefulSet keeps them), and
     * the operator's labels are taken off (an empty apply of its field manager), so another Tenant may use it.
     */
    private static void releasePlatformNamespace(Tenant tenant, Context<Tenant> context) {
        String namespace = tenant.targetNamespace();
        var client = context.getClient();
        Namespace live = client.namespaces().withName(namespace).get();
        if (live == null || live.getMetadata().getLabels() == null
                || !tenant.getMetadata().getName().equals(live.getMetadata().getLabels().get(Labels.TENANT))) {
            return; // never labelled for this tenant (missing, or another tenant's): nothing of this one is in it
        }
        client.persistentVolumeClaims().inNamespace(namespace)
                .withLabels(Labels.selector(tenant, Labels.COMPONENT_DATABASE)).delete();
        Namespace unlabelled = new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build();
        client.namespaces().resource(unlabelled).fieldManager(OperatorSettings.FIELD_MANAGER).forceConflicts()
                .serverSideApply();
        LOG.infof("tenant %s deleted with deletionPolicy Delete: its objects and volumes in namespace %s are deleted;"
                + " the namespace is the platform team's and stays", tenant.getMetadata().getName(), namespace);
    }

    DeleteControl delete(Tenant tenant, Context<Tenant> context) {
        if (!settings.watched().includes(tenant.targetNamespace())) {
            // refused by the preflight (NamespaceNotWatched): nothing was made, and the operator has no rights there
            return DeleteControl.defaultDelete();
        }
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
            if (!settings.watched().everywhere()) {
                releasePlatformNamespace(tenant, context);
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
