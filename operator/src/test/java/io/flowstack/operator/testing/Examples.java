package io.flowstack.operator.testing;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Manifests from the repository's examples/ folder. */
public final class Examples {
    private Examples() {
    }

    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("examples")) && Files.isRegularFile(dir.resolve("crds/pom.xml"))) {
                return dir.resolve("examples");
            }
        }
        throw new IllegalStateException("examples/ not found");
    }

    public static Tenant tenant(String file) {
        try {
            return Serialization.unmarshal(Files.readString(root().resolve("tenants").resolve(file)), Tenant.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
