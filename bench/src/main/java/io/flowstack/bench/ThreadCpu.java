package io.flowstack.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of the JVM's live threads, by thread group (the name with its numbers taken out), between two snapshots.
 * Threads that end in between are not counted, nor are the JVM's own GC and JIT threads: the difference to the
 * process' CPU time is shown as its own line.
 */
final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> cpuById = new HashMap<>();
    private final Map<Long, String> groupById = new HashMap<>();

    private ThreadCpu() {
    }

    static ThreadCpu snapshot() {
        ThreadCpu snapshot = new ThreadCpu();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = THREADS.getThreadCpuTime(info.getThreadId());
            if (cpu >= 0) {
                snapshot.cpuById.put(info.getThreadId(), cpu);
                snapshot.groupById.put(info.getThreadId(), info.getThreadName().replaceAll("\\d+", "N"));
            }
        }
        return snapshot;
    }

    /** Seconds of CPU by thread group since {@code before}, largest first. */
    Map<String, Double> since(ThreadCpu before) {
        Map<String, Double> byGroup = new TreeMap<>();
        cpuById.forEach((id, cpu) -> byGroup.merge(groupById.get(id),
                (cpu - before.cpuById.getOrDefault(id, 0L)) / 1e9, Double::sum));
        Map<String, Double> sorted = new LinkedHashMap<>();
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
