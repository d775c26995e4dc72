package io.flowstack.runtime.integrations;

import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.integration.IntegrationCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An integration's credentials, read from Secrets mounted as files ({@code <secrets dir>/<secret>/<key>}, the layout
 * of a Kubernetes Secret volume). They are read on each call, so a rotated Secret is used without a restart, and they
 * never reach expressions, outputs or logs.
 */
public final class Credentials {
    private final Map<String, String> values;

    private Credentials(Map<String, String> values) {
        this.values = values;
    }

    public static Credentials of(Integration integration, Path secretsDir) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        var spec = integration.getSpec();
        if (spec.secretRef == null) {
            return new Credentials(values);
        }
        IntegrationCatalog.TypeInfo info = IntegrationCatalog.of(spec.type);
        Path secret = secretsDir.resolve(spec.secretRef.name);
        for (String name : concat(info)) {
            String key = spec.secretRef.keys != null && spec.secretRef.keys.containsKey(name)
                    ? spec.secretRef.keys.get(name) : name;
            Path file = secret.resolve(key);
            if (Files.isRegularFile(file)) {
                values.put(name, Files.readString(file, StandardCharsets.UTF_8).trim());
            } else if (info.requiredSecretKeys().contains(name)) {
                throw new IOException("Secret " + spec.secretRef.name + " has no key " + key + " (credential " + name
                        + " of integration " + integration.getMetadata().getName() + ")");
            }
        }
        return new Credentials(values);
    }

    public static Credentials of(Map<String, String> values) {
        return new Credentials(Map.copyOf(values));
    }

    private static Iterable<String> concat(IntegrationCatalog.TypeInfo info) {
        java.util.List<String> all = new java.util.ArrayList<>(info.requiredSecretKeys());
        all.addAll(info.optionalSecretKeys());
        return all;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    @Override
    public String toString() {
        return "Credentials" + values.keySet();
    }
}
