package io.flowstack.runtime.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for data at rest: each value gets a fresh 12-byte nonce, stored before the ciphertext, and is bound to
 * its context (e.g. the execution id and step name) as associated data, so a sealed value cannot be moved to another
 * row. Keys are 32 bytes, given as base64 (standard or URL-safe), as the operator generates them.
 */
public final class Sealer {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final SecretKeySpec key;
    private final SecretKeySpec previousKey;
    private final SecureRandom random = new SecureRandom();
    /** Looking a cipher up costs more than using it; each thread keeps its own (a Cipher is not thread-safe). */
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    });

    public Sealer(byte[] key, byte[] previousKey) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the encryption key must be 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
        this.previousKey = previousKey == null ? null : new SecretKeySpec(previousKey, "AES");
    }

    /** A key from its base64 text (the operator's keys are URL-safe base64 of 32 random bytes). */
    public static byte[] decodeKey(String base64) {
        String text = base64.trim();
        byte[] key = text.contains("-") || text.contains("_") ? Base64.getUrlDecoder().decode(text)
                : Base64.getDecoder().decode(text);
        if (key.length != 32) {
            throw new IllegalArgumentException("the encryption key must decode to 32 bytes, not " + key.length);
        }
        return key;
    }

    public byte[] seal(byte[] plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + ciphertext.length).put(nonce).put(ciphertext).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Opens a sealed value with the current key or, after a rotation, the previous one. */
    public byte[] open(byte[] sealed, String context) {
        try {
            return open(sealed, context, key);
        } catch (GeneralSecurityException current) {
            if (previousKey != null) {
                try {
                    return open(sealed, context, previousKey);
                } catch (GeneralSecurityException ignored) {
                    // fall through to the error below
                }
            }
            throw new IllegalStateException("a stored value cannot be decrypted with the current or previous key"
                    + " (context " + context + ")");
        }
    }

    private static byte[] open(byte[] sealed, String context, SecretKeySpec key) throws GeneralSecurityException {
        Cipher cipher = CIPHER.get();
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
        cipher.updateAAD(context.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    }
}
