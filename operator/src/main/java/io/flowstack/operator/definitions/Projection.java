package io.flowstack.operator.definitions;

import io.flowstack.crds.v1alpha1.common.FlowstackStatus;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.integration.IntegrationCatalog;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.operator.common.Conditions;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What of a tenant's namespace reaches its runtime. A Workflow or Integration whose status says it is valid for its
 * current generation (an Integration also with its credentials present) is projected as it is now; one that is invalid (or not checked yet) keeps the definition
 * projected before, so the runtime goes on running its last valid revision; one never valid is not projected at all.
 * Deleted objects disappear. Only the Secret keys the projected Integrations name are mounted.
 */
public final class Projection {
    /** The condition, set by the Workflow and Integration controllers, that lets an object's spec through. */
    public static final String VALID = "Valid";
    /** An Integration whose Secret lacks a credential is not projected either. */
    public static final String SECRET_READY = "SecretReady";

    /** One file of the mounted credentials: {@code <secret>/<key>}. */
    public record CredentialFile(String secret, String key) {
    }

    /** The definitions to project and the credential files they need. */
    public record Result(List<Definition> definitions, List<CredentialFile> credentials, Set<String> keptPrevious) {
    }

    private Projection() {
    }

    /**
     * @param projected the definitions projected now, by ConfigMap key (from the tenant's definitions ConfigMaps)
     */
    public static Result of(Collection<Workflow> workflows, Collection<Integration> integrations,
                            Map<String, String> projected) {
        List<Definition> definitions = new ArrayList<>();
        Set<String> kept = new TreeSet<>();
        List<Integration> projectedIntegrations = new ArrayList<>();
        for (Integration integration : sorted(integrations)) {
            String name = integration.getMetadata().getName();
            String key = Definition.key(Definition.INTEGRATION, name);
            if (validNow(integration, integration.getStatus())) {
                definitions.add(new Definition(Definition.INTEGRATION, name, Admitted.yaml(integration)));
                projectedIntegrations.add(integration);
            } else if (projected.containsKey(key)) {
                definitions.add(new Definition(Definition.INTEGRATION, name, projected.get(key)));
                kept.add(key);
                try {
                    projectedIntegrations.add(Admitted.integrationFromYaml(projected.get(key)));
                } catch (IOException e) {
                    // the operator wrote it; unreadable means tampered with: its credentials are not mounted
                }
            }
        }
        for (Workflow workflow : sorted(workflows)) {
            String name = workflow.getMetadata().getName();
            String key = Definition.key(Definition.WORKFLOW, name);
            if (validNow(workflow, workflow.getStatus())) {
                definitions.add(new Definition(Definition.WORKFLOW, name, Admitted.yaml(workflow)));
            } else if (projected.containsKey(key)) {
                definitions.add(new Definition(Definition.WORKFLOW, name, projected.get(key)));
                kept.add(key);
            }
        }
        return new Result(definitions, credentials(projectedIntegrations), kept);
    }

    /**
     * The projection of definitions already known to be valid (checked by the shared validator, as
     * {@code flowstack render} does offline): each as it is.
     */
    public static Result ofValid(Collection<Workflow> workflows, Collection<Integration> integrations) {
        List<Definition> definitions = new ArrayList<>();
        for (Integration integration : sorted(integrations)) {
            definitions.add(new Definition(Definition.INTEGRATION, integration.getMetadata().getName(),
                    Admitted.yaml(integration)));
        }
        for (Workflow workflow : sorted(workflows)) {
            definitions.add(new Definition(Definition.WORKFLOW, workflow.getMetadata().getName(), Admitted.yaml(workflow)));
        }
        return new Result(definitions, credentials(new ArrayList<>(integrations)), Set.of());
    }

    /**
     * Whether the status says the spec of this generation passed validation and, for an Integration, that its
     * credentials are present: only then does it replace what the runtime has.
     */
    public static boolean validNow(CustomResource<?, ?> resource, FlowstackStatus status) {
        Long generation = resource.getMetadata().getGeneration();
        return status != null && status.observedGeneration != null
                && status.observedGeneration.equals(generation == null ? 0L : generation)
                && Conditions.isTrue(status.conditions, VALID)
                && Conditions.find(status.conditions, SECRET_READY)
                .map(c -> c.status != io.flowstack.crds.v1alpha1.common.ConditionStatus.False).orElse(true);
    }

    /** Each Secret key the integrations read: their type's required and optional credentials, mapped by secretRef.keys. */
    static List<CredentialFile> credentials(List<Integration> integrations) {
        Set<CredentialFile> files = new TreeSet<>(Comparator.comparing(CredentialFile::secret)
                .thenComparing(CredentialFile::key));
        for (Integration integration : integrations) {
            var spec = integration.getSpec();
            if (spec == null || spec.secretRef == null || spec.type == null) {
                continue;
            }
            IntegrationCatalog.TypeInfo info = IntegrationCatalog.of(spec.type);
            List<String> credentials = new ArrayList<>(info.requiredSecretKeys());
            credentials.addAll(info.optionalSecretKeys());
            for (String credential : credentials) {
                String key = spec.secretRef.keys != null && spec.secretRef.keys.containsKey(credential)
                        ? spec.secretRef.keys.get(credential) : credential;
                files.add(new CredentialFile(spec.secretRef.name, key));
            }
        }
        return List.copyOf(files);
    }

    private static <T extends CustomResource<?, ?>> List<T> sorted(Collection<T> resources) {
        List<T> list = new ArrayList<>(resources);
        list.sort(Comparator.comparing(r -> r.getMetadata().getName()));
        return list;
    }
}
