package io.flowstack.runtime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * Group commit: writes that threads submit at the same time are committed in one transaction, and each caller returns
 * only once its write is durable. A checkpoint therefore still commits before its execution moves on, but concurrent
 * executions share the commit (and its round trips and WAL flush) instead of paying one each.
 *
 * <p>There is no committer thread: the first caller that finds a free slot commits whatever is queued, its own write
 * included, then hands over to the next waiting caller (flat combining). At most {@code slots} transactions run at
 * once, so while one waits for its flush the next batch gathers. Writes of one batch touch different executions (an
 * engine worker has one write in flight), so they do not conflict; should a batch fail anyway (a deadlock between two
 * starts with the same idempotency keys, a constraint), it is rolled back and each of its writes is retried alone, so
 * one bad write fails only its own caller.
 */
final class GroupCommit {
    /** Binds a write's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** One statement and its parameters; its result is the statement's update count. */
    record Write(String sql, Binder binder) {
    }

    private static final int MAX_BATCH = 64;
    /**
     * How long a waiting caller sleeps before it looks again. Waking is not what it relies on: the caller that commits a
     * batch wakes each of its writers, and one that frees a slot wakes the oldest queued writer, which commits what is
     * queued. The timeout only bounds a missed hand-over; short, it made waiting callers spin (half of the engine's CPU
     * was the kernel's, waking them every 0.2 ms through each multi-millisecond flush).
     */
    private static final long PARK_NANOS = 10_000_000;
    private final DataSource dataSource;
    private final Semaphore slots;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();

    GroupCommit(DataSource dataSource, int slots) {
        this.dataSource = dataSource;
        this.slots = new Semaphore(slots);
    }

    /** Commits {@code write}, alone or with others, and returns its update count once it is durable. */
    int submit(Write write) throws SQLException {
        Pending pending = new Pending(write, Thread.currentThread());
        queue.add(pending);
        while (!pending.done) {
            if (!slots.tryAcquire()) {
                LockSupport.parkNanos(this, PARK_NANOS);
                continue;
            }
            List<Pending> batch = new ArrayList<>();
            try {
                Pending next;
                while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
                    batch.add(next);
                }
                if (!batch.isEmpty()) {
                    commit(batch);
                }
            } finally {
                slots.release();
            }
            // hand over to a caller still waiting, so the queue does not wait for a park to time out
            Pending head = queue.peek();
            if (head != null) {
                LockSupport.unpark(head.thread);
            }
            if (batch.isEmpty() && !pending.done) {
                // our write is in a batch another caller is committing
                LockSupport.parkNanos(this, PARK_NANOS);
            }
        }
        if (pending.failure != null) {
            throw pending.failure;
        }
        return pending.count;
    }

    /** Transactions committed so far, and the writes they held: their ratio is the mean batch. */
    long transactions() {
        return transactions.get();
    }

    long writes() {
        return writes.get();
    }

    /** Writes waiting for a transaction (for tests). */
    int queued() {
        return queue.size();
    }

    private void commit(List<Pending> batch) {
        try {
            int[] counts = inOneTransaction(batch);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).complete(counts[i], null);
            }
        } catch (SQLException e) {
            if (batch.size() == 1) {
                batch.get(0).complete(0, e);
                return;
            }
            for (Pending pending : batch) {
                try {
                    pending.complete(inOneTransaction(List.of(pending))[0], null);
                } catch (SQLException alone) {
                    pending.complete(0, alone);
                }
            }
        } catch (RuntimeException e) {
            for (Pending pending : batch) {
                pending.complete(0, new SQLException("the group commit failed: " + e, e));
            }
        }
    }

    private int[] inOneTransaction(List<Pending> batch) throws SQLException {
        int[] counts = new int[batch.size()];
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<String, List<Integer>> bySql = new LinkedHashMap<>();
                for (int i = 0; i < batch.size(); i++) {
                    bySql.computeIfAbsent(batch.get(i).write.sql(), sql -> new ArrayList<>()).add(i);
                }
                for (Map.Entry<String, List<Integer>> group : bySql.entrySet()) {
                    try (PreparedStatement statement = c.prepareStatement(group.getKey())) {
                        if (group.getValue().size() == 1) {
                            int i = group.getValue().get(0);
                            batch.get(i).write.binder().bind(statement);
                            counts[i] = statement.executeUpdate();
                            continue;
                        }
                        for (int i : group.getValue()) {
                            batch.get(i).write.binder().bind(statement);
                            statement.addBatch();
                        }
                        int[] groupCounts = statement.executeBatch();
                        for (int k = 0; k < groupCounts.length; k++) {
                            counts[group.getValue().get(k)] = groupCounts[k];
                        }
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone; the pool discards it
                }
                throw e;
            } finally {
                try {
                    c.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // as above
                }
            }
        }
        transactions.incrementAndGet();
        writes.addAndGet(batch.size());
        return counts;
    }

    private static final class Pending {
        final Write write;
        final Thread thread;
        volatile boolean done;
        int count;
        SQLException failure;

        Pending(Write write, Thread thread) {
            this.write = write;
            this.thread = thread;
        }

        void complete(int count, SQLException failure) {
            this.count = count;
            this.failure = failure;
            this.done = true;   // volatile write after the fields: the waiting caller reads them after seeing it
            LockSupport.unpark(thread);
        }
    }
}
