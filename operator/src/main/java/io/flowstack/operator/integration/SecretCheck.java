package io.flowstack.operator.integration;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.integration.IntegrationCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Whether an Integration's Secret holds every credential its type needs. */
final class SecretCheck {
    private SecretCheck() {
    }

    /** What is missing: the Secret, or which keys; empty when everything the type needs is there. */
    static Optional<String> problem(Integration integration, KubernetesClient client) {
        var spec = integration.getSpec();
        if (spec.secretRef == null) {
            return Optional.empty();
        }
        String namespace = integration.getMetadata().getNamespace();
        Secret secret = client.secrets().inNamespace(namespace).withName(spec.secretRef.name).get();
        if (secret == null) {
            return Optional.of("Secret " + spec.secretRef.name + " not found in namespace " + namespace
                    + ": create it with the keys " + String.join(", ", keys(integration)));
        }
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        List<String> missing = new ArrayList<>();
        for (String credential : IntegrationCatalog.of(spec.type).requiredSecretKeys()) {
            String key = keyOf(integration, credential);
            if (!data.containsKey(key) && (secret.getStringData() == null || !secret.getStringData().containsKey(key))) {
                missing.add(key + " (" + credential + ")");
            }
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of("Secret " + spec.secretRef.name + " lacks key(s) "
                + String.join(", ", missing));
    }

    private static List<String> keys(Integration integration) {
        return IntegrationCatalog.of(integration.getSpec().type).requiredSecretKeys().stream()
                .map(credential -> keyOf(integration, credential)).collect(Collectors.toList());
    }

    private static String keyOf(Integration integration, String credential) {
        var ref = integration.getSpec().secretRef;
        return ref.keys != null && ref.keys.containsKey(credential) ? ref.keys.get(credential) : credential;
    }
}
