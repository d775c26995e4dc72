package io.flowstack.operator.tenant.desired;

import java.security.SecureRandom;
import java.util.Base64;

/** Source of generated secret values; tests substitute a deterministic one. */
@FunctionalInterface
public interface SecretValues {
    /** {@code bytes} random bytes, as URL-safe base64 text without padding. */
    String random(int bytes);

    static SecretValues secure() {
        SecureRandom random = new SecureRandom();
        return bytes -> {
            byte[] value = new byte[bytes];
            random.nextBytes(value);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
        };
    }
}
