package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.definitions.DefinitionShards;
import io.flowstack.operator.definitions.DefinitionsProjector;
import io.flowstack.operator.tenant.desired.StackInputs;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The definitions ConfigMaps {@code flowstack-definitions-NN}: the namespace's valid Workflows and Integrations as the
 * runtime reads them (see {@link DefinitionShards}). A bulk dependent of its own because of the order of writes: the
 * SDK's bulk dependents delete before they write, while here ConfigMaps that gain definitions are written before those
 * that lose some, and emptied ones are deleted last, so a definition moving between shards is never missing from the
 * runtime's volume. Only ConfigMaps whose content differs are written (a steady state writes nothing). The reconciler's
 * ConfigMap informer (selector {@link DefinitionShards#SELECTOR}) brings their changes back.
 */
public class DefinitionsDependent implements DependentResource<ConfigMap, Tenant>, StackPart {

    @Override
    public ReconcileResult<ConfigMap> reconcile(Tenant tenant, Context<Tenant> context) {
        DefinitionsProjector.Planned planned = LiveInputs.of(context).planned();
        List<ReconcileResult<ConfigMap>> results = new ArrayList<>();
        List<ConfigMap> gaining = new ArrayList<>();
        List<ConfigMap> others = new ArrayList<>();
        for (ConfigMap desired : planned.plan().shards()) {
            ConfigMap actual = planned.actual().get(desired.getMetadata().getName());
            if (actual != null && same(actual, desired)) {
                results.add(ReconcileResult.noOperation(actual));
                continue;
            }
            boolean onlyGains = actual == null || actual.getData() == null
                    || desired.getData().keySet().containsAll(actual.getData().keySet());
            (onlyGains ? gaining : others).add(desired);
        }
        KubernetesClient client = context.getClient();
        for (ConfigMap shard : gaining) {
            results.add(write(tenant, shard, client, planned.actual()));
        }
        for (ConfigMap shard : others) {
            results.add(write(tenant, shard, client, planned.actual()));
        }
        List<String> wanted = planned.plan().shards().stream().map(cm -> cm.getMetadata().getName()).toList();
        for (ConfigMap stale : planned.actual().values()) {
            if (!wanted.contains(stale.getMetadata().getName())) {
                client.configMaps().inNamespace(stale.getMetadata().getNamespace())
                        .withName(stale.getMetadata().getName()).delete();
            }
        }
        return ReconcileResult.aggregatedResult(results);
    }

    @Override
    public List<HasMetadata> render(Tenant tenant, StackInputs inputs) {
        return List.copyOf(inputs.definitionsPlan().shards());
    }

    @Override
    public Class<ConfigMap> resourceType() {
        return ConfigMap.class;
    }

    private static boolean same(ConfigMap actual, ConfigMap desired) {
        return Objects.equals(actual.getData(), desired.getData())
                && actual.getMetadata().getLabels() != null
                && actual.getMetadata().getLabels().entrySet().containsAll(desired.getMetadata().getLabels().entrySet())
                && Objects.equals(unplaced(actual), unplaced(desired));
    }

    private static String unplaced(ConfigMap configMap) {
        Map<String, String> annotations = configMap.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(DefinitionShards.UNPLACED_ANNOTATION);
    }

    private static ReconcileResult<ConfigMap> write(Tenant tenant, ConfigMap shard, KubernetesClient client,
                                                    Map<String, ConfigMap> actual) {
        shard.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
                .withApiVersion(tenant.getApiVersion()).withKind(tenant.getKind())
                .withName(tenant.getMetadata().getName()).withUid(tenant.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(false).build()));
        ConfigMap written = client.configMaps().resource(shard).fieldManager(OperatorSettings.FIELD_MANAGER)
                .forceConflicts().serverSideApply();
        return actual.containsKey(shard.getMetadata().getName()) ? ReconcileResult.resourceUpdated(written)
                : ReconcileResult.resourceCreated(written);
    }
}
