package io.flowstack.runtime.integrations;

import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.runtime.definitions.Definitions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Integrations from the definitions directory, credentials from the mounted Secrets directory. */
public final class MountedIntegrations implements Integrations {
    private final Definitions definitions;
    private final Path secretsDir;

    public MountedIntegrations(Definitions definitions, Path secretsDir) {
        this.definitions = definitions;
        this.secretsDir = secretsDir;
    }

    @Override
    public Optional<Integration> find(String name) {
        return Optional.ofNullable(definitions.integrations().get(name));
    }

    @Override
    public Credentials credentials(Integration integration) throws IOException {
        return Credentials.of(integration, secretsDir);
    }
}
