package io.flowstack.crds.validation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a validator may know besides the object itself: the Integrations and Workflows of a namespace. The operator fills
 * it from its informers, the runtime from its definitions directory, {@code flowstack validate} from the files it reads.
 */
public interface ValidationContext {

    /** The Integrations of a namespace by name, or empty when the caller does not know them (refs are then not checked). */
    Optional<Map<String, Integration>> integrations(String namespace);

    /** The Workflows of a namespace that the caller knows. */
    List<Workflow> workflows(String namespace);

    /** A context that knows nothing: cross-object references are not checked. */
    static ValidationContext none() {
        return new ValidationContext() {
            @Override
            public Optional<Map<String, Integration>> integrations(String namespace) {
                return Optional.empty();
            }

            @Override
            public List<Workflow> workflows(String namespace) {
                return List.of();
            }
        };
    }

    /** A context that treats the given objects as everything that exists in their namespaces. */
    static ValidationContext complete(Collection<? extends HasMetadata> resources, String defaultNamespace) {
        Map<String, Map<String, Integration>> integrations = new LinkedHashMap<>();
        Map<String, List<Workflow>> workflows = new LinkedHashMap<>();
        for (HasMetadata resource : resources) {
            String namespace = namespaceOf(resource, defaultNamespace);
            if (resource instanceof Integration integration) {
                integrations.computeIfAbsent(namespace, n -> new LinkedHashMap<>())
                        .put(integration.getMetadata().getName(), integration);
            } else if (resource instanceof Workflow workflow) {
                workflows.computeIfAbsent(namespace, n -> new java.util.ArrayList<>()).add(workflow);
            }
        }
        return new ValidationContext() {
            @Override
            public Optional<Map<String, Integration>> integrations(String namespace) {
                return Optional.of(integrations.getOrDefault(namespace, Map.of()));
            }

            @Override
            public List<Workflow> workflows(String namespace) {
                return workflows.getOrDefault(namespace, List.of());
            }
        };
    }

    static String namespaceOf(HasMetadata resource, String defaultNamespace) {
        String namespace = resource.getMetadata() == null ? null : resource.getMetadata().getNamespace();
        return namespace == null || namespace.isEmpty() ? defaultNamespace : namespace;
    }
}
