package io.flowstack.runtime.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A replica as the service runs it, in this JVM: an engine, its heartbeat and worker threads claiming in a loop.
 * {@link #crash()} stops all of it without handing anything back (its leases lapse); {@link #close()} stops it
 * gracefully (in-flight steps end, the rest is handed back).
 */
final class TestingReplica implements AutoCloseable {
    private final Engine engine;
    private final Heartbeat heartbeat;
    private final ExecutorService workers;
    private volatile boolean running = true;

    TestingReplica(Engine engine, int workers) {
        this.engine = engine;
        this.heartbeat = Heartbeat.start(engine);
        this.workers = Executors.newFixedThreadPool(workers);
        for (int i = 0; i < workers; i++) {
            this.workers.submit(() -> {
                while (running) {
                    if (engine.tick(5) == 0) {
                        Thread.sleep(20);
                    }
                }
                return null;
            });
        }
    }

    Engine engine() {
        return engine;
    }

    /** What a dead process does: no more heartbeats, nothing handed back; its threads are abandoned. */
    void crash() {
        running = false;
        heartbeat.close();
        workers.shutdownNow();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        engine.stop();
        workers.shutdown();
        workers.awaitTermination(30, TimeUnit.SECONDS);
        engine.releaseAll();
        heartbeat.close();
    }
}
