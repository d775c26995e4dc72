package io.flowstack.operator.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.operator.testing.Examples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Many workflows per tenant: spread over ConfigMaps within the API server's size limit, placed stably. */
class DefinitionShardsTest {
    /** What the API server allows a ConfigMap's data to take (keys and values). */
    private static final int CONFIGMAP_LIMIT = 1024 * 1024;
    private final Tenant acme = Examples.tenant("acme.yaml");

    private static List<Definition> workflows(int count) throws IOException {
        Workflow template = Serialization.unmarshal(Files.readString(Examples.root().resolve("acme/workflow-lead-enrichment.yaml")),
                Workflow.class);
        List<Definition> definitions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            template.getMetadata().setName(String.format("lead-enrichment-%03d", i));
            definitions.add(new Definition(Definition.WORKFLOW, template.getMetadata().getName(), Admitted.yaml(template)));
        }
        return definitions;
    }

    private static int dataBytes(ConfigMap configMap) {
        return configMap.getData().entrySet().stream()
                .mapToInt(e -> e.getKey().length() + e.getValue().getBytes(StandardCharsets.UTF_8).length).sum();
    }

    @Test
    void twoHundredWorkflowsFitWithinTheConfigMapLimitAndEveryOneIsPlacedOnce() throws IOException {
        List<Definition> definitions = workflows(200);
        DefinitionShards.Plan plan = DefinitionShards.plan(acme, definitions);

        assertThat(plan.unplaced()).isEmpty();
        assertThat(plan.shards()).hasSizeLessThanOrEqualTo(DefinitionShards.SHARDS)
                .allSatisfy(shard -> assertThat(shard.getMetadata().getAnnotations()).isNullOrEmpty());
        Set<String> keys = new HashSet<>();
        for (ConfigMap shard : plan.shards()) {
            assertThat(dataBytes(shard)).isLessThanOrEqualTo(DefinitionShards.SHARD_BYTES).isLessThan(CONFIGMAP_LIMIT);
            assertThat(shard.getMetadata().getNamespace()).isEqualTo("tenant-acme");
            assertThat(shard.getMetadata().getLabels()).containsEntry(DefinitionShards.LABEL, "true")
                    .containsEntry("flowstack.io/tenant", "acme");
            for (String key : shard.getData().keySet()) {
                assertThat(keys.add(key)).as("%s placed once", key).isTrue();
            }
        }
        assertThat(keys).hasSize(200);
        assertThat(DefinitionShards.plan(acme, definitions)).as("deterministic").isEqualTo(plan);
    }

    @Test
    void workflowsBeyondOneConfigMapSpreadOverSeveral() throws IOException {
        // each about 100 KiB: 40 of them need about 4 MiB, four times what one ConfigMap holds
        List<Definition> big = new ArrayList<>();
        for (Definition definition : workflows(40)) {
            big.add(new Definition(definition.kind(), definition.name(), definition.yaml() + "#" + "x".repeat(100 * 1024)
                    + "\n"));
        }
        DefinitionShards.Plan plan = DefinitionShards.plan(acme, big);
        assertThat(plan.unplaced()).isEmpty();
        assertThat(plan.shards().size()).isGreaterThan(4);
        plan.shards().forEach(shard -> assertThat(dataBytes(shard)).isLessThanOrEqualTo(DefinitionShards.SHARD_BYTES));
    }

    @Test
    void addingAWorkflowRewritesOneConfigMapOnly() throws IOException {
        List<Definition> definitions = workflows(201);
        DefinitionShards.Plan before = DefinitionShards.plan(acme, definitions.subList(0, 200));
        DefinitionShards.Plan after = DefinitionShards.plan(acme, definitions);
        Map<String, Map<String, String>> old = new java.util.HashMap<>();
        before.shards().forEach(cm -> old.put(cm.getMetadata().getName(), cm.getData()));
        long changed = after.shards().stream()
                .filter(cm -> !cm.getData().equals(old.get(cm.getMetadata().getName()))).count();
        assertThat(changed).isEqualTo(1);
    }

    @Test
    void whatFitsNowhereIsReportedNotDropped() throws IOException {
        Definition huge = new Definition(Definition.WORKFLOW, "huge", "#" + "x".repeat(DefinitionShards.SHARD_BYTES));
        List<Definition> definitions = new ArrayList<>(workflows(3));
        definitions.add(huge);
        DefinitionShards.Plan plan = DefinitionShards.plan(acme, definitions);
        assertThat(plan.unplaced()).containsExactly(huge);
        assertThat(plan.shardOfKey()).hasSize(3);
        // every shard names it, so the Workflow's status can say there is no room for it
        assertThat(plan.shards()).allSatisfy(shard -> assertThat(shard.getMetadata().getAnnotations())
                .containsEntry(DefinitionShards.UNPLACED_ANNOTATION, "workflow.huge.yaml"));
    }
}
