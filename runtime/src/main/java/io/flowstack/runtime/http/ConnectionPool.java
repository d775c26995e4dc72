package io.flowstack.runtime.http;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;

/**
 * Keep-alive connections by route: at most {@code perRoute} in use per route and {@code total} in all (a call waits
 * for a free one within its own time), the most recently used one taken first. A connection that has waited longer
 * than {@code validateAfterNanos} ({@link #VALIDATE_AFTER_NANOS} in the runtime) is checked before use (closed by the
 * other side: dropped); one that has waited longer than {@link #KEEP_IDLE_NANOS} is closed.
 */
final class ConnectionPool {
    /** How long a connection may wait in the pool before it is checked for a close by the other side first. */
    static final long VALIDATE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(2);
    static final long KEEP_IDLE_NANOS = TimeUnit.MINUTES.toNanos(1);
    private final Map<Route, Deque<Connection>> idle = new ConcurrentHashMap<>();
    private final Map<Route, Semaphore> inUse = new ConcurrentHashMap<>();
    private final Semaphore total;
    private final int perRoute;
    private final int connectMillis;
    private final SSLSocketFactory tls;
    private final long validateAfterNanos;
    private volatile boolean closed;

    ConnectionPool(int perRoute, int total, int connectMillis, SSLSocketFactory tls, long validateAfterNanos) {
        this.validateAfterNanos = validateAfterNanos;
        this.perRoute = perRoute;
        this.total = new Semaphore(total);
        this.connectMillis = connectMillis;
        this.tls = tls;
        Watchdog.register(this);
    }

    /** A connection to the route for this call: an idle one still open, or a new one. */
    Connection lease(Route route, Call call) throws IOException, InterruptedException {
        if (closed) {
            throw new IOException("the HTTP client is closed");
        }
        Semaphore routeSlots = inUse.computeIfAbsent(route, r -> new Semaphore(perRoute));
        acquire(routeSlots, call);
        try {
            acquire(total, call);
        } catch (IOException | InterruptedException | RuntimeException e) {
            routeSlots.release();
            throw e;
        }
        try {
            Connection reused = reusable(route);
            if (reused != null) {
                call.watch(reused.socket());
                return reused;
            }
            long left = TimeUnit.NANOSECONDS.toMillis(call.deadlineNanos - System.nanoTime());
            return Connection.open(route, (int) Math.min(connectMillis, left), call.deadlineNanos, tls, call);
        } catch (IOException | RuntimeException e) {
            free(route);
            throw e;
        }
    }

    private static void acquire(Semaphore slots, Call call) throws InterruptedException, HttpTimeoutException {
        if (!slots.tryAcquire() && !slots.tryAcquire(Math.max(0, call.deadlineNanos - System.nanoTime()),
                TimeUnit.NANOSECONDS)) {
            throw new HttpTimeoutException("no free connection within the call's time");
        }
    }

    private Connection reusable(Route route) {
        Deque<Connection> waiting = idle.get(route);
        if (waiting == null) {
            return null;
        }
        while (true) {
            Connection connection;
            synchronized (waiting) {
                connection = waiting.pollFirst();
            }
            if (connection == null) {
                return null;
            }
            long waited = System.nanoTime() - connection.idleSince();
            if (connection.isClosed() || waited > KEEP_IDLE_NANOS
                    || waited >= validateAfterNanos && connection.reader.closedWhileIdle()) {
                connection.close();
                continue;
            }
            return connection;
        }
    }

    /** Hands a connection back after its call: kept for the next call if it can carry one, closed otherwise. */
    void release(Connection connection, boolean keep) {
        if (keep && !closed && !connection.isClosed() && !connection.reader.hasBuffered()) {
            connection.idle(System.nanoTime());
            Deque<Connection> waiting = idle.computeIfAbsent(connection.route, r -> new ArrayDeque<>());
            synchronized (waiting) {
                waiting.addFirst(connection);
            }
        } else {
            connection.close();
        }
        free(connection.route);
    }

    private void free(Route route) {
        total.release();
        inUse.get(route).release();
    }

    /** Closes the connections that have waited longer than the pool keeps them (the watchdog calls it). */
    void closeIdle(long now) {
        List<Connection> expired = new ArrayList<>();
        for (Deque<Connection> waiting : idle.values()) {
            synchronized (waiting) {
                waiting.removeIf(connection -> {
                    boolean old = now - connection.idleSince() > KEEP_IDLE_NANOS || closed;
                    if (old) {
                        expired.add(connection);
                    }
                    return old;
                });
            }
        }
        expired.forEach(Connection::close);
    }

    void close() {
        closed = true;
        closeIdle(System.nanoTime());
        Watchdog.unregister(this);
    }
}
