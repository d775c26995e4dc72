package io.flowstack.operator.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition with a deadline; the condition's last failure is the test's failure. */
public final class Eventually {
    private Eventually() {
    }

    public static void within(Duration timeout, Runnable assertion) {
        long deadline = System.nanoTime() + timeout.toNanos();
        AssertionError last = null;
        while (System.nanoTime() < deadline) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                last = e;
            } catch (RuntimeException e) {
                last = new AssertionError(e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw last != null ? last : new AssertionError("timed out");
    }

    public static <T> T value(Duration timeout, Supplier<T> supplier, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = supplier.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            value = supplier.get();
        }
        return value;
    }
}
