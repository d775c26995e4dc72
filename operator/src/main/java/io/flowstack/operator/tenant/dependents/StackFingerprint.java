package io.flowstack.operator.tenant.dependents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.flowstack.operator.tenant.desired.DatabaseEndpoint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fingerprint of a settled stack that the Tenant's status keeps ({@code status.stackFingerprint}), so that a
 * restarted operator knows a stack as settled as the operator that settled it did: a SHA-256 over the operator's
 * build and settings, the {@link StackSources} but the password, and the token of each object of the stack as the
 * run left it (see {@link SettledStacks}). Equal fingerprints mean equal inputs: the same build makes the same desired
 * objects from the same sources, and objects with the same tokens are as that run left them.
 *
 * <p>Its form is {@code v1:<build and settings, 8 hex digits>:<everything, 32 hex digits>}: the first part tells a
 * fingerprint of another build or other settings (an upgrade) from a stale one of this operator.
 *
 * <p>The password is left out (a digest of it in a status that many may read would let them test guesses offline);
 * {@link SettledStacks} compares it with the database Secret instead, which holds it as the run applied it.
 */
final class StackFingerprint {
    private static final String VERSION = "v1";
    /** Object specs (of kinds without a generation) in one canonical form: keys sorted. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private final String operator;
    private final String prefix;

    /** @param operator what of the operator shapes the desired objects: its build and settings */
    StackFingerprint(String operator) {
        this.operator = operator;
        this.prefix = VERSION + ":" + HexFormat.of().formatHex(new Digest().add(operator).done(), 0, 4) + ":";
    }

    /** Whether {@code fingerprint} was made by an operator of this build and settings (its first part says). */
    boolean madeHere(String fingerprint) {
        return fingerprint != null && fingerprint.startsWith(prefix);
    }

    /** The fingerprint of a stack made from {@code sources} whose objects have {@code tokens}. */
    String of(StackSources sources, List<Object> tokens) {
        Digest digest = new Digest();
        digest.add(VERSION).add(operator);
        digest.add(sources.uid()).add(sources.generation()).add(sources.labels()).add(sources.annotations());
        DatabaseEndpoint database = sources.database();
        digest.add(database.host()).add(database.port()).add(database.database()).add(database.user());
        digest.add(sources.databasePassword().isPresent() ? "password given" : "password kept");
        digest.add(sources.definitions().size());
        sources.definitions().forEach(digest::add);
        digest.add(tokens.size());
        for (Object token : tokens) {
            if (token == null) {
                digest.add("absent");
            } else if (token instanceof String resourceVersion) {
                digest.add("version").add(resourceVersion);
            } else if (token instanceof SettledStacks.Applied applied) {
                digest.add("applied").add(applied.uid()).add(applied.generation()).add(applied.labels())
                        .add(applied.annotations()).add(applied.deletion()).add(json(applied.spec()));
                List<OwnerReference> owners = applied.owners() == null ? List.of() : applied.owners();
                digest.add(owners.size());
                for (OwnerReference owner : owners) {
                    digest.add(owner.getApiVersion()).add(owner.getKind()).add(owner.getName()).add(owner.getUid())
                            .add(String.valueOf(owner.getController())).add(String.valueOf(owner.getBlockOwnerDeletion()));
                }
            } else {
                throw new IllegalArgumentException("no fingerprint for a token of " + token.getClass());
            }
        }
        return prefix + HexFormat.of().formatHex(digest.done(), 0, 16);
    }

    private static String json(Object spec) {
        if (spec == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + spec.getClass() + " as JSON", e);
        }
    }

    /** SHA-256 over values that each say where they end: no two sequences of values feed it the same bytes. */
    private static final class Digest {
        private final MessageDigest sha;

        Digest() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
        }

        Digest add(String value) {
            if (value == null) {
                sha.update((byte) 0);
                return this;
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            sha.update((byte) 1);
            add(bytes.length);
            sha.update(bytes);
            return this;
        }

        Digest add(Long value) {
            return add(value == null ? null : value.toString());
        }

        Digest add(int value) {
            sha.update(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
            return this;
        }

        /** A map, keys in order; none is an empty one (the API server tells them apart nowhere that counts here). */
        Digest add(Map<String, String> map) {
            Map<String, String> entries = map == null ? Map.of() : map;
            add(entries.size());
            new TreeMap<>(entries).forEach((key, value) -> add(key).add(value));
            return this;
        }

        byte[] done() {
            return sha.digest();
        }
    }
}
