package io.flowstack.runtime.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowstack.runtime.crypto.Sealer;
import java.io.IOException;

/** JSON values sealed (AES-256-GCM, bound to their row by {@code context}) before they reach the database. */
final class SealedValues {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Sealer sealer;

    SealedValues(Sealer sealer) {
        this.sealer = sealer;
    }

    byte[] seal(JsonNode value, String context) {
        try {
            return sealer.seal(JSON.writeValueAsBytes(value), context);
        } catch (IOException e) {
            throw new StoreException("cannot serialize a value", e);
        }
    }

    JsonNode open(byte[] sealed, String context) {
        if (sealed == null) {
            return null;
        }
        try {
            return JSON.readTree(sealer.open(sealed, context));
        } catch (IOException e) {
            throw new StoreException("cannot read a stored value", e);
        }
    }
}
