package io.flowstack.bench;

import java.util.Locale;
import java.util.Map;

/**
 * A warm-up that lasts until the JIT compiler has settled: at least a first round, then rounds of {@value #ROUND}
 * for as long as the compiler's threads of the process under test took more than {@value #SETTLED_MS} ms of CPU per
 * execution in the last one (at most {@value #MAX} executions). After 5,000 executions they still took half the
 * runtime's CPU, so a measured run after a fixed short warm-up measured the compiler.
 */
final class JitWarmUp {
    static final int ROUND = 5000;
    static final int MAX = 60_000;
    static final double SETTLED_MS = 0.1;

    /** Runs {@code count} executions, numbered from {@code offset}; returns their executions/s. */
    @FunctionalInterface
    interface Round {
        double run(int offset, int count) throws Exception;
    }

    private JitWarmUp() {
    }

    /**
     * Warms up the process {@code pid} ("self", or a number) with {@code first} executions (0: none at all), then
     * rounds until settled; prints each round; returns how many executions it ran.
     */
    static int run(String pid, int first, String what, Round round) throws Exception {
        int done = 0;
        int size = first;
        while (size > 0 && done < MAX) {
            Map<String, Long> before = ThreadCpu.osTicks(pid);
            double rate = round.run(done, size);
            done += size;
            double jitMs = ThreadCpu.compilerAndGc(before, ThreadCpu.osTicks(pid))[0] * 1000 / size;
            System.err.printf(Locale.ROOT, "warm-up: %d %s, %.0f executions/s, JIT compiler %.2f ms per execution in"
                    + " the last %d%n", done, what, rate, jitMs, size);
            if (jitMs <= SETTLED_MS) {
                break;
            }
            size = ROUND;
        }
        return done;
    }
}
