package io.flowstack.runtime.integrations;

import io.flowstack.crds.v1alpha1.integration.Integration;
import java.io.IOException;
import java.util.Optional;

/** The Integrations steps may call, and their credentials. */
public interface Integrations {
    Integrations NONE = new Integrations() {
        @Override
        public Optional<Integration> find(String name) {
            return Optional.empty();
        }

        @Override
        public Credentials credentials(Integration integration) {
            return Credentials.of(java.util.Map.of());
        }
    };

    Optional<Integration> find(String name);

    Credentials credentials(Integration integration) throws IOException;
}
