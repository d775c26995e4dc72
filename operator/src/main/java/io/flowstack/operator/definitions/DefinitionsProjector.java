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
 * The cluster side of the projection, run by the Tenant reconciler: reads the namespace's Workflows, Integrations and
 * definitions ConfigMaps from the informers' caches, plans with {@link Projection} and {@link DefinitionShards}, and
 * writes only the ConfigMaps whose content differs (a steady state writes nothing). ConfigMaps that gain definitions
 * are written before those that lose some, and emptied ones are deleted last, so a definition moving between shards
 * is never missing from the volume.
 */
public final class DefinitionsProjector {
    /** Key of the credential files in the managed workflow's context, for the runtime Deployment's volumes. */
    public static final String CREDENTIALS_CONTEXT_KEY = "flowstack.definitions.credentials";
    private static final Logger LOG = Logger.getLogger(DefinitionsProjector.class);

    /** What the projection is to be. */
    public record Planned(Projection.Result projection, DefinitionShards.Plan plan, Map<String, ConfigMap> actual) {
    }

    private final String fieldManager;

    public DefinitionsProjector(String fieldManager) {
        this.fieldManager = fieldManager;
    }

    @SuppressWarnings("unchecked")
    public Planned plan(Tenant tenant, Context<Tenant> context) {
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
        Map<String, String> projected = new HashMap<>();
        actual.values().forEach(cm -> {
            if (cm.getData() != null) {
                projected.putAll(cm.getData());
            }
        });
        Projection.Result projection = Projection.of(workflows, integrations, projected);
        DefinitionShards.Plan plan = DefinitionShards.plan(tenant, projection.definitions());
        if (!plan.unplaced().isEmpty()) {
            LOG.warnf("tenant %s: %d definition(s) do not fit the %d definitions ConfigMaps: %s",
                    tenant.getMetadata().getName(), plan.unplaced().size(), DefinitionShards.SHARDS,
                    plan.unplaced().stream().map(Definition::key).toList());
        }
        return new Planned(projection, plan, actual);
    }

    /** Writes what differs; returns the number of writes. */
    public int apply(Tenant tenant, Planned planned, KubernetesClient client) {
        List<ConfigMap> gaining = new ArrayList<>();
        List<ConfigMap> others = new ArrayList<>();
        for (ConfigMap desired : planned.plan().shards()) {
            ConfigMap actual = planned.actual().get(desired.getMetadata().getName());
            if (actual != null && Objects.equals(actual.getData(), desired.getData())
                    && actual.getMetadata().getLabels() != null
                    && actual.getMetadata().getLabels().entrySet().containsAll(desired.getMetadata().getLabels().entrySet())
                    && Objects.equals(unplaced(actual), unplaced(desired))) {
                continue;
            }
            boolean onlyGains = actual == null || actual.getData() == null
                    || desired.getData().keySet().containsAll(actual.getData().keySet());
            (onlyGains ? gaining : others).add(desired);
        }
        int writes = 0;
        for (ConfigMap shard : gaining) {
            write(tenant, shard, client);
            writes++;
        }
        for (ConfigMap shard : others) {
            write(tenant, shard, client);
            writes++;
        }
        List<String> wanted = planned.plan().shards().stream().map(cm -> cm.getMetadata().getName()).toList();
        for (ConfigMap stale : planned.actual().values()) {
            if (!wanted.contains(stale.getMetadata().getName())) {
                client.configMaps().inNamespace(stale.getMetadata().getNamespace()).withName(stale.getMetadata().getName())
                        .delete();
                writes++;
            }
        }
        return writes;
    }

    private static String unplaced(ConfigMap configMap) {
        Map<String, String> annotations = configMap.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(DefinitionShards.UNPLACED_ANNOTATION);
    }

    private void write(Tenant tenant, ConfigMap shard, KubernetesClient client) {
        shard.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
                .withApiVersion(tenant.getApiVersion()).withKind(tenant.getKind())
                .withName(tenant.getMetadata().getName()).withUid(tenant.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(false).build()));
        client.configMaps().resource(shard).fieldManager(fieldManager).forceConflicts().serverSideApply();
    }
}
