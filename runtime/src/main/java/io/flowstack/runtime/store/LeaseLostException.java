package io.flowstack.runtime.store;

import java.util.UUID;

/** This runtime no longer holds an execution's lease: another replica took it over, and this one must stop. */
public class LeaseLostException extends RuntimeException {
    public LeaseLostException(UUID execution) {
        super("lease of execution " + execution + " was lost");
    }
}
