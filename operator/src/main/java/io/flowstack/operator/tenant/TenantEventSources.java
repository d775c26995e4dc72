package io.flowstack.operator.tenant;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.common.TenantRelay;
import io.flowstack.operator.common.WatchedNamespaces;
import io.flowstack.operator.definitions.DefinitionShards;
import io.flowstack.operator.definitions.ProjectionRelevance;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Tenant reconciler's event sources besides its dependents': the namespace's Workflows and Integrations (only
 * changes that matter to the projection: spec, validity, deletion) and the definitions ConfigMaps, each leading to the
 * Tenant owning the namespace. They watch the operator's namespaces only (all, or watchNamespaces).
 */
final class TenantEventSources {
    private TenantEventSources() {
    }

    static List<EventSource<?, Tenant>> of(EventSourceContext<Tenant> context, WatchedNamespaces watched,
                                           TenantRelay relay) {
        var workflows = InformerEventSourceConfiguration.from(Workflow.class, Tenant.class)
                .withNamespaces(watched.informerNamespaces())
                .withSecondaryToPrimaryMapper(w -> owningTenants(relay, w.getMetadata().getNamespace()))
                .withOnUpdateFilter((next, previous) -> ProjectionRelevance.changed(next, next.getStatus(), previous,
                        previous.getStatus()))
                .build();
        var integrations = InformerEventSourceConfiguration.from(Integration.class, Tenant.class)
                .withNamespaces(watched.informerNamespaces())
                .withSecondaryToPrimaryMapper(i -> owningTenants(relay, i.getMetadata().getNamespace()))
                .withOnUpdateFilter((next, previous) -> ProjectionRelevance.changed(next, next.getStatus(), previous,
                        previous.getStatus()))
                .build();
        var definitions = InformerEventSourceConfiguration.from(ConfigMap.class, Tenant.class)
                .withNamespaces(watched.informerNamespaces())
                .withLabelSelector(DefinitionShards.SELECTOR)
                .withSecondaryToPrimaryMapper(cm -> {
                    String tenant = cm.getMetadata().getLabels() == null ? null
                            : cm.getMetadata().getLabels().get(Labels.TENANT);
                    return tenant == null ? Set.of() : Set.of(new ResourceID(tenant));
                })
                .build();
        return List.of(new InformerEventSource<>(workflows, context), new InformerEventSource<>(integrations, context),
                new InformerEventSource<>(definitions, context));
    }

    /** The Tenants whose stacks run in {@code namespace}: a look-up in the index, not a scan of every Tenant. */
    private static Set<ResourceID> owningTenants(TenantRelay relay, String namespace) {
        return relay.inNamespace(namespace).stream().map(ResourceID::fromResource).collect(Collectors.toSet());
    }
}
