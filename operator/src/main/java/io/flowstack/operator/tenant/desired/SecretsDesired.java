package io.flowstack.operator.tenant.desired;

import io.flowstack.contract.SecretKeys;
import io.flowstack.operator.common.ObjectMetas;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.StackNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The generated Secrets. Their values are made once and kept: a reconcile returns the existing data unchanged, and new
 * values are only made when the Tenant's {@value #ROTATE_ANNOTATION} annotation differs from the value the Secret was
 * made for. Rotating the keys keeps the previous encryption key, so data encrypted with it stays readable.
 */
public final class SecretsDesired {
    /** Set on a Tenant, to any new value, to rotate its generated keys. */
    public static final String ROTATE_ANNOTATION = "flowstack.io/rotate-secrets";
    /** Records on a generated Secret the rotation value it was made for. */
    public static final String ROTATION_ANNOTATION = "flowstack.io/rotation";


    private SecretsDesired() {
    }

    /** The rotation value the tenant asks for; empty when it never asked. */
    public static String requestedRotation(Tenant tenant) {
        Map<String, String> annotations = tenant.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(ROTATE_ANNOTATION);
        return value == null ? "" : value;
    }

    /** Whether an existing generated Secret is still the one the tenant wants, i.e. needs no new values. */
    public static boolean isCurrent(Secret existing, Tenant tenant) {
        Map<String, String> annotations = existing.getMetadata().getAnnotations();
        String madeFor = annotations == null ? null : annotations.get(ROTATION_ANNOTATION);
        return requestedRotation(tenant).equals(madeFor == null ? "" : madeFor);
    }

    /** The runtime's keys: encryption key (32 bytes), webhook signing key, API token. */
    public static Secret keys(Tenant tenant, Optional<Secret> existing, SecretValues values) {
        if (existing.isPresent() && isCurrent(existing.get(), tenant)) {
            return withMeta(tenant, StackNames.KEYS_SECRET, "runtime", existing.get().getData());
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put(SecretKeys.ENCRYPTION_KEY, encode(values.random(32)));
        data.put(SecretKeys.WEBHOOK_SIGNING_KEY, encode(values.random(32)));
        data.put(SecretKeys.API_TOKEN, encode(values.random(32)));
        existing.map(Secret::getData).map(d -> d.get(SecretKeys.ENCRYPTION_KEY))
                .ifPresent(previous -> data.put(SecretKeys.PREVIOUS_ENCRYPTION_KEY, previous));
        return withMeta(tenant, StackNames.KEYS_SECRET, "runtime", data);
    }

    /**
     * The runtime's database credentials. The password is the given one (a Shared or External database's, resolved by
     * the reconciler) or, for the managed database, generated once and then kept; the rotation annotation does not
     * touch it, since the database's own password would have to change with it.
     */
    public static Secret databaseCredentials(Tenant tenant, Optional<Secret> existing, DatabaseEndpoint endpoint,
                                             Optional<String> givenPassword, SecretValues values) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(SecretKeys.DB_HOST, encode(endpoint.host()));
        data.put(SecretKeys.DB_PORT, encode(Integer.toString(endpoint.port())));
        data.put(SecretKeys.DB_DATABASE, encode(endpoint.database()));
        data.put(SecretKeys.DB_USER, encode(endpoint.user()));
        String password = givenPassword.orElseGet(() -> existing.map(Secret::getData)
                .map(d -> d.get(SecretKeys.DB_PASSWORD)).orElseGet(() -> encode(values.random(24))));
        data.put(SecretKeys.DB_PASSWORD, password);
        Secret secret = withMeta(tenant, StackNames.DATABASE_SECRET, "database", data);
        secret.getMetadata().setAnnotations(new LinkedHashMap<>());
        return secret;
    }

    /** SHA-256 over the data of the given Secrets: changes whenever any value changes, so pods roll. */
    public static String checksum(Secret... secrets) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Secret secret : secrets) {
                if (secret == null || secret.getData() == null) {
                    continue;
                }
                digest.update(secret.getMetadata().getName().getBytes(StandardCharsets.UTF_8));
                new TreeMap<>(secret.getData()).forEach((key, value) -> {
                    digest.update(key.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    digest.update(value.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                });
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static Secret withMeta(Tenant tenant, String name, String component, Map<String, String> data) {
        ObjectMeta meta = ObjectMetas.of(tenant, name, component);
        meta.setAnnotations(new LinkedHashMap<>(Map.of(ROTATION_ANNOTATION, requestedRotation(tenant))));
        return new SecretBuilder().withMetadata(meta).withType("Opaque").withData(new LinkedHashMap<>(data)).build();
    }

    static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
