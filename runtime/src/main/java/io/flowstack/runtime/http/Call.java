package io.flowstack.runtime.http;

import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A call in progress, as the watchdog sees it: when its time is up and which socket to close then, so that a write,
 * a connect or a handshake that blocks past the deadline ends too (reads are bounded by their own timeouts). A call
 * either ends or expires, never both: once it has ended, its connection may serve another call and must not be
 * closed by a late look of the watchdog.
 */
final class Call {
    private static final int RUNNING = 0;
    private static final int ENDED = 1;
    private static final int EXPIRED = 2;
    final long deadlineNanos;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private volatile Socket socket;

    Call(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    void watch(Socket socket) {
        this.socket = socket;
    }

    boolean expired() {
        return state.get() == EXPIRED;
    }

    /** Ends the call; false when the watchdog expired it first (its socket is closed). */
    boolean end() {
        return state.compareAndSet(RUNNING, ENDED);
    }

    /** Called by the watchdog once the deadline has passed: the socket of a call still running is closed. */
    void expire() {
        if (state.compareAndSet(RUNNING, EXPIRED)) {
            Socket current = socket;
            if (current != null) {
                Connection.closeQuietly(current);
            }
        }
    }
}
