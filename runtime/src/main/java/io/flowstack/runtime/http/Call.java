package io.flowstack.runtime.http;

import java.net.Socket;

/**
 * A call in progress, as the watchdog sees it: when its time is up and which socket to close then, so that a write,
 * a connect or a handshake that blocks past the deadline ends too (reads are bounded by their own timeouts).
 */
final class Call {
    final long deadlineNanos;
    private volatile Socket socket;
    private volatile boolean expired;

    Call(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    void watch(Socket socket) {
        this.socket = socket;
    }

    boolean expired() {
        return expired;
    }

    /** Called by the watchdog once the deadline has passed: the socket the call blocks on is closed. */
    void expire() {
        expired = true;
        Socket current = socket;
        if (current != null) {
            Connection.closeQuietly(current);
        }
    }
}
