package io.flowstack.operator.definitions;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * The cluster side of the projection's plan: reads the namespace's Workflows, Integrations and definitions ConfigMaps
 * from the reconciler's informer caches ({@link Sources}, once per Tenant reconcile) and, when the Tenant's dependents
 * run, plans with {@link Projection} and {@link DefinitionShards}. The Tenant's definitions dependent writes the plan.
 */
public final class DefinitionsProjector {
    private DefinitionsProjector() {
    }

    private static final Logger LOG = Logger.getLogger(DefinitionsProjector.class);

    /** What the projection is to be. */
    public record Planned(Projection.Result projection, DefinitionShards.Plan plan, Map<String, ConfigMap> actual) {
    }

    /** What a plan is made from: the namespace's Workflows, Integrations and definitions ConfigMaps, as cached. */
    public record Sources(List<Workflow> workflows, List<Integration> integrations, Map<String, ConfigMap> actual) {
        /** Each source's name and resource version: equal lists mean equal sources, hence an equal plan. */
        public List<String> versions() {
            List<String> versions = new ArrayList<>(workflows.size() + integrations.size() + actual.size());
            workflows.forEach(w -> versions.add("Workflow/" + w.getMetadata().getName() + "@"
                    + w.getMetadata().getResourceVersion()));
            integrations.forEach(i -> versions.add("Integration/" + i.getMetadata().getName() + "@"
                    + i.getMetadata().getResourceVersion()));
            actual.values().forEach(cm -> versions.add("ConfigMap/" + cm.getMetadata().getName() + "@"
                    + cm.getMetadata().getResourceVersion()));
            versions.sort(null);
            return versions;
        }
    }

    @SuppressWarnings("unchecked")
    public static Sources sources(Tenant tenant, Context<Tenant> context) {
        String namespace = tenant.targetNamespace();
        var retriever = context.eventSourceRetriever();
        List<Workflow> workflows = ((InformerEventSource<Workflow, Tenant>) retriever.getEventSourceFor(Workflow.class))
                .list(namespace, w -> true).toList();
        List<Integration> integrations = ((InformerEventSource<Integration, Tenant>) retriever
                .getEventSourceFor(Integration.class)).list(namespace, i -> true).toList();
        Map<String, ConfigMap> actual = new HashMap<>();
        ((InformerEventSource<ConfigMap, Tenant>) retriever.getEventSourceFor(ConfigMap.class))
                .list(namespace, cm -> cm.getMetadata().getName().startsWith(DefinitionShards.PREFIX))
                .forEach(cm -> actual.put(cm.getMetadata().getName(), cm));
        return new Sources(workflows, integrations, actual);
    }

    public static Planned plan(Tenant tenant, Sources sources) {
        Map<String, ConfigMap> actual = sources.actual();
        Map<String, String> projected = new HashMap<>();
        actual.values().forEach(cm -> {
            if (cm.getData() != null) {
                projected.putAll(cm.getData());
            }
        });
        Projection.Result projection = Projection.of(sources.workflows(), sources.integrations(), projected);
        DefinitionShards.Plan plan = DefinitionShards.plan(tenant, projection.definitions());
        if (!plan.unplaced().isEmpty()) {
            LOG.warnf("tenant %s: %d definition(s) do not fit the %d definitions ConfigMaps: %s",
                    tenant.getMetadata().getName(), plan.unplaced().size(), DefinitionShards.SHARDS,
                    plan.unplaced().stream().map(Definition::key).toList());
        }
        return new Planned(projection, plan, actual);
    }
}
