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

    /**
     * The JVM's compiler and GC threads are no Java threads, so only the OS knows their CPU: seconds of CPU by native
     * thread group (the thread's comm name, numbers taken out) from /proc, or empty where there is no /proc.
     */
    static Map<String, Long> osTicks() {
        return osTicks("self");
    }

    /** As {@link #osTicks()}, for the process {@code pid} (a number, or "self"). */
    static Map<String, Long> osTicks(String pid) {
        Map<String, Long> ticks = new HashMap<>();
        java.io.File[] tasks = new java.io.File("/proc/" + pid + "/task").listFiles();
        if (tasks == null) {
            return ticks;
        }
        for (java.io.File task : tasks) {
            try {
                String comm = java.nio.file.Files.readString(task.toPath().resolve("comm")).trim();
                String stat = java.nio.file.Files.readString(task.toPath().resolve("stat"));
                // fields after the parenthesised comm: state is field 3, utime 14, stime 15
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.merge(comm.replaceAll("\\d+", "N"), Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
                        Long::sum);
            } catch (java.io.IOException | RuntimeException e) {
                // the thread ended meanwhile
            }
        }
        return ticks;
    }

    /** CPU seconds of the JVM's compiler threads and of its GC threads between two {@link #osTicks()}. */
    static double[] compilerAndGc(Map<String, Long> before, Map<String, Long> after) {
        double compiler = 0;
        double gc = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            double seconds = (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / 100.0; // USER_HZ is 100 on Linux
            String name = e.getKey();
            if (name.contains("CompilerThre")) {
                compiler += seconds;
            } else if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")
                    || name.startsWith("VM Periodic")) {
                gc += seconds;
            }
        }
        return new double[] {compiler, gc};
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
