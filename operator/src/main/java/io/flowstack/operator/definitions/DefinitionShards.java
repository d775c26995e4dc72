package io.flowstack.operator.definitions;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Spreads a tenant's definitions over at most {@link #SHARDS} ConfigMaps, each below the API server's 1 MiB limit.
 * The runtime Deployment mounts all of them, as optional sources of one projected volume: a definition added,
 * changed or moved between shards reaches the pods as one atomic update of the volume, never as a pod restart.
 * Placement is stable: each key has a home shard (a hash of the key) and moves on to the next shard only when its home
 * is full, so adding a workflow rewrites one ConfigMap, not all of them.
 */
public final class DefinitionShards {
    /** How many ConfigMaps the runtime mounts; fixed, so the pod template never changes with the number of workflows. */
    public static final int SHARDS = 16;
    /** Data bytes per ConfigMap: the API server's limit is 1 MiB; the rest is room for metadata and managed fields. */
    public static final int SHARD_BYTES = 800 * 1024;
    public static final String PREFIX = "flowstack-definitions-";
    /** Label on every definitions ConfigMap, so the operator watches only those. */
    public static final String LABEL = "flowstack.io/definitions";
    public static final String SELECTOR = LABEL + "=true," + Labels.MANAGED_SELECTOR;
    /** Annotation on every shard naming the definitions that fit in none (so their objects can say so). */
    public static final String UNPLACED_ANNOTATION = "flowstack.io/unplaced";

    /** The ConfigMaps to have (only non-empty shards) and the definitions that fit nowhere. */
    public record Plan(List<ConfigMap> shards, Map<String, String> shardOfKey, List<Definition> unplaced) {
    }

    private DefinitionShards() {
    }

    public static String name(int shard) {
        return PREFIX + String.format("%02d", shard);
    }

    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < SHARDS; i++) {
            names.add(name(i));
        }
        return names;
    }

    public static Plan plan(Tenant tenant, List<Definition> definitions) {
        List<Map<String, String>> data = new ArrayList<>();
        int[] used = new int[SHARDS];
        for (int i = 0; i < SHARDS; i++) {
            data.add(new TreeMap<>());
        }
        Map<String, String> shardOfKey = new LinkedHashMap<>();
        List<Definition> unplaced = new ArrayList<>();
        List<Definition> ordered = new ArrayList<>(definitions);
        ordered.sort(Comparator.comparing(Definition::key));
        for (Definition definition : ordered) {
            int size = definition.size();
            int home = home(definition.key());
            int placed = -1;
            for (int probe = 0; probe < SHARDS && placed < 0; probe++) {
                int shard = (home + probe) % SHARDS;
                if (used[shard] + size <= SHARD_BYTES) {
                    placed = shard;
                }
            }
            if (placed < 0) {
                unplaced.add(definition);
                continue;
            }
            used[placed] += size;
            data.get(placed).put(definition.key(), definition.yaml());
            shardOfKey.put(definition.key(), name(placed));
        }
        List<ConfigMap> shards = new ArrayList<>();
        Map<String, String> annotations = unplaced.isEmpty() ? null : Map.of(UNPLACED_ANNOTATION,
                String.join(",", unplaced.stream().map(Definition::key).toList()));
        for (int i = 0; i < SHARDS; i++) {
            if (!data.get(i).isEmpty()) {
                Map<String, String> labels = Labels.of(tenant, "runtime");
                labels.put(LABEL, "true");
                shards.add(new ConfigMapBuilder()
                        .withNewMetadata().withName(name(i)).withNamespace(tenant.targetNamespace()).withLabels(labels)
                        .withAnnotations(annotations)
                        .endMetadata()
                        .withData(data.get(i))
                        .build());
            }
        }
        return new Plan(shards, shardOfKey, unplaced);
    }

    static int home(String key) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % SHARDS);
    }
}
