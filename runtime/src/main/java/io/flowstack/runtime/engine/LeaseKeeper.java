package io.flowstack.runtime.engine;

import io.flowstack.runtime.store.ExecutionStore;
import io.flowstack.runtime.store.StoreException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The executions an engine holds, by id with their lease token: what its heartbeat renews, what a graceful stop hands
 * back, and the writes that must land while the lease holds (retried across database blips).
 */
final class LeaseKeeper {
    private final ExecutionStore store;
    private final Duration lease;
    private final Map<UUID, String> held = new ConcurrentHashMap<>();

    LeaseKeeper(ExecutionStore store, Duration lease) {
        this.store = store;
        this.lease = lease;
    }

    Duration lease() {
        return lease;
    }

    void hold(UUID id, String token) {
        held.put(id, token);
    }

    void drop(UUID id) {
        held.remove(id);
    }

    int size() {
        return held.size();
    }

    /** Renews every held lease on the database's clock; returns how many were renewed. */
    int renew() {
        return store.leases().renew(Map.copyOf(held), lease).size();
    }

    /** Hands back every held execution at once; returns how many. */
    int releaseAll() {
        Map<UUID, String> now = Map.copyOf(held);
        held.clear();
        return store.leases().release(now).size();
    }

    /** Hands back claimed executions not begun, taking back the first-step starts their claim recorded. */
    void releaseUnstarted(Map<UUID, String> unstarted, Set<UUID> recorded) {
        unstarted.keySet().forEach(held::remove);
        store.leases().releaseUnstarted(unstarted, recorded);
    }

    /**
     * A write of a held execution, retried while the database is away (a restart, cut connections) for up to a
     * lease, so the step's work is kept instead of being run again. Retrying is safe: each write checks the lease
     * token, and one that landed before its answer was lost is written again identically or refused as lost.
     */
    void durably(Runnable write) {
        long deadline = System.nanoTime() + lease.toNanos();
        long pauseMillis = 100;
        while (true) {
            try {
                write.run();
                return;
            } catch (StoreException e) {
                if (System.nanoTime() + pauseMillis * 1_000_000 > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pauseMillis = Math.min(pauseMillis * 2, 2000);
            }
        }
    }
}
