package io.flowstack.operator.common;

/**
 * A typed condition reason: the same word appears in status, events and alerts. Each kind has an enum of its reasons;
 * {@link #problem()} says whether it is something a user must fix (it then becomes a Warning event, once).
 */
public interface Reason {
    String name();

    boolean problem();
}
