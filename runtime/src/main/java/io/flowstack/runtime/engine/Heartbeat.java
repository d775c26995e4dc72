package io.flowstack.runtime.engine;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Renews an engine's leases every third of the lease on a thread of its own, so a step may take longer than the lease
 * and no other worker takes its execution while this runtime lives. A failed round (the database away) is reported
 * and retried at the next beat; two missed beats in a row still leave a third of the lease.
 */
public final class Heartbeat implements AutoCloseable {
    private final ScheduledExecutorService beat;

    private Heartbeat(ScheduledExecutorService beat) {
        this.beat = beat;
    }

    public static Heartbeat start(Engine engine, Consumer<RuntimeException> onFailure) {
        ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "flowstack-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1, engine.lease().dividedBy(3).toMillis());
        beat.scheduleWithFixedDelay(() -> {
            try {
                engine.renewLeases();
            } catch (RuntimeException e) {
                onFailure.accept(e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
        return new Heartbeat(beat);
    }

    public static Heartbeat start(Engine engine) {
        return start(engine, e -> { });
    }

    /** Stops renewing (what a crash does to a lease; a graceful stop releases its leases first). */
    @Override
    public void close() {
        beat.shutdownNow();
        try {
            beat.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
