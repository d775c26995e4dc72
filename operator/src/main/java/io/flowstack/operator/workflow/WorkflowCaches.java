package io.flowstack.operator.workflow;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.crds.validation.Revisions;
import io.flowstack.crds.validation.ValidationContext;
import io.flowstack.operator.definitions.Admitted;
import io.flowstack.operator.definitions.Definition;
import io.flowstack.operator.definitions.DefinitionShards;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What the Workflow controller reads from its caches: the namespace's Integrations and definitions ConfigMaps. */
final class WorkflowCaches {
    private WorkflowCaches() {
    }

    /** The Workflows a definitions ConfigMap holds or names as unplaced. */
    static Set<ResourceID> workflowsIn(ConfigMap definitions) {
        Set<String> keys = new HashSet<>();
        if (definitions.getData() != null) {
            keys.addAll(definitions.getData().keySet());
        }
        String unplaced = unplaced(definitions);
        if (!unplaced.isEmpty()) {
            keys.addAll(List.of(unplaced.split(",")));
        }
        String prefix = Definition.WORKFLOW.toLowerCase(Locale.ROOT) + ".";
        return keys.stream().filter(k -> k.startsWith(prefix) && k.endsWith(".yaml"))
                .map(k -> new ResourceID(k.substring(prefix.length(), k.length() - ".yaml".length()),
                        definitions.getMetadata().getNamespace()))
                .collect(Collectors.toSet());
    }

    /** Whether the projection found no room for this workflow (the shards name it in an annotation). */
    static boolean unplaced(Context<Workflow> context, String namespace, String name) {
        String key = Definition.key(Definition.WORKFLOW, name);
        return shards(context).list(namespace, cm -> List.of(unplaced(cm).split(",")).contains(key)).findAny()
                .isPresent();
    }

    /** The revision of the workflow in the tenant's definitions ConfigMaps, if it is there. */
    static Optional<String> projectedRevision(Context<Workflow> context, String namespace, String name) {
        String key = Definition.key(Definition.WORKFLOW, name);
        Optional<String> yaml = shards(context).list(namespace, cm -> cm.getData() != null && cm.getData()
                .containsKey(key)).map(cm -> cm.getData().get(key)).findFirst();
        if (yaml.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Revisions.of(Admitted.workflowFromYaml(yaml.get()).getSpec()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Integration> integrations(Context<Workflow> context, String namespace) {
        InformerEventSource<Integration, Workflow> integrations = (InformerEventSource<Integration, Workflow>)
                context.eventSourceRetriever().getEventSourceFor(Integration.class);
        Map<String, Integration> known = new LinkedHashMap<>();
        integrations.list(namespace, i -> true).forEach(i -> known.put(i.getMetadata().getName(), i));
        return known;
    }

    /** The namespace's Integrations and Workflows, as the shared validator sees them. */
    static ValidationContext validationContext(Context<Workflow> context, String namespace) {
        Map<String, Integration> known = integrations(context, namespace);
        List<Workflow> siblings = context.getPrimaryCache().list(namespace).toList();
        return new ValidationContext() {
            @Override
            public Optional<Map<String, Integration>> integrations(String ns) {
                return Optional.of(known);
            }

            @Override
            public List<Workflow> workflows(String ns) {
                return siblings;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static InformerEventSource<ConfigMap, Workflow> shards(Context<Workflow> context) {
        return (InformerEventSource<ConfigMap, Workflow>) context.eventSourceRetriever()
                .getEventSourceFor(ConfigMap.class);
    }

    private static String unplaced(ConfigMap configMap) {
        Map<String, String> annotations = configMap.getMetadata().getAnnotations();
        return annotations == null ? "" : annotations.getOrDefault(DefinitionShards.UNPLACED_ANNOTATION, "");
    }
}
