package io.flowstack.runtime.store;

import java.util.UUID;

/** An idempotency key that started an execution before was sent again with another input. */
public final class IdempotencyKeyReusedException extends RuntimeException {
    private final String key;
    private final UUID earlier;

    public IdempotencyKeyReusedException(String key, UUID earlier) {
        super("Idempotency-Key " + key + " started execution " + earlier + " with another input");
        this.key = key;
        this.earlier = earlier;
    }

    public String key() {
        return key;
    }

    public UUID earlier() {
        return earlier;
    }
}
