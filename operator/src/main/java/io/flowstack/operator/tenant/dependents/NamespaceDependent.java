package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.Namespace;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.tenant.desired.NamespaceDesired;
import io.flowstack.operator.tenant.desired.StackInputs;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Map;
import java.util.Set;

/**
 * The tenant's namespace, labelled for the restricted Pod Security Standard. Working in every namespace, the operator
 * creates it, owned by the Tenant (deletionPolicy Delete lets garbage collection remove it). With watchNamespaces the
 * namespace is the platform team's: the operator only applies its labels to it, with no owner reference, so deleting
 * the Tenant never deletes the namespace. Either way the namespace leads to its Tenant by its tenant label.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class NamespaceDependent extends TenantDependent<Namespace> implements SecondaryToPrimaryMapper<Namespace> {
    private volatile boolean platformOwned;

    public NamespaceDependent() {
        super(Namespace.class, TenantDependentKey.NAMESPACE);
    }

    @Override
    Namespace build(Tenant tenant, StackInputs inputs) {
        return NamespaceDesired.build(tenant);
    }

    @Override
    protected InformerEventSource<Namespace, Tenant> createEventSource(EventSourceContext<Tenant> context) {
        platformOwned = !InformerScopes.of(context).everywhere();
        return super.createEventSource(context);
    }

    @Override
    public Set<ResourceID> toPrimaryResourceIDs(Namespace namespace) {
        Map<String, String> labels = namespace.getMetadata().getLabels();
        String tenant = labels == null ? null : labels.get(Labels.TENANT);
        return tenant == null ? Set.of() : Set.of(new ResourceID(tenant));
    }

    @Override
    protected void addReferenceHandlingMetadata(Namespace desired, Tenant primary) {
        if (!platformOwned) {
            super.addReferenceHandlingMetadata(desired, primary);
        }
    }

    /** A platform-owned namespace exists already (the preflight checked): the labels are applied to it. */
    @Override
    public Namespace create(Namespace desired, Tenant primary, Context<Tenant> context) {
        if (!platformOwned) {
            return super.create(desired, primary, context);
        }
        addMetadata(false, null, desired, primary, context);
        return apply(desired, context);
    }
}
