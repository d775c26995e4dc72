package io.flowstack.runtime.http;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread for every client of the runtime: ten times a second it ends calls past their deadline (their
 * socket closed), and once a second it closes connections that have waited in a pool longer than the pool keeps them.
 * Calls only join and leave a set: no task is scheduled or cancelled per call.
 */
final class Watchdog {
    static final long TICK_MILLIS = 100;
    private static final Set<Call> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Set<ConnectionPool> POOLS = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    static {
        Thread thread = new Thread(Watchdog::run, "flowstack-http-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    private Watchdog() {
    }

    static void start(Call call) {
        RUNNING.add(call);
    }

    static void end(Call call) {
        RUNNING.remove(call);
    }

    static void register(ConnectionPool pool) {
        POOLS.add(pool);
    }

    static void unregister(ConnectionPool pool) {
        POOLS.remove(pool);
    }

    private static void run() {
        long lastSweep = System.nanoTime();
        while (true) {
            try {
                Thread.sleep(TICK_MILLIS);
                long now = System.nanoTime();
                for (Call call : RUNNING) {
                    if (now - call.deadlineNanos >= 0) {
                        RUNNING.remove(call);
                        call.expire();
                    }
                }
                if (now - lastSweep >= TimeUnit.SECONDS.toNanos(1)) {
                    lastSweep = now;
                    ConnectionPool[] pools;
                    synchronized (POOLS) {
                        pools = POOLS.toArray(new ConnectionPool[0]);
                    }
                    for (ConnectionPool pool : pools) {
                        pool.closeIdle(now);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // keep watching: one failed sweep must not end the deadlines of every later call
            }
        }
    }
}
