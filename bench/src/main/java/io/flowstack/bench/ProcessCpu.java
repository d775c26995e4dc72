package io.flowstack.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU so far of the runtime process, the stub's and the senders' threads here (by thread, so that threads which
 * end between two readings, such as the warm-up's HTTP client, are not subtracted), and PostgreSQL's processes.
 */
record ProcessCpu(long runtimeNanos, long stubNanos, java.util.Map<Long, Long> sendersByThread, long postgresNanos) {
    static ProcessCpu now(long runtimePid) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long stub = 0;
        java.util.Map<Long, Long> senders = new java.util.HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long used = Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            if (info.getThreadName().startsWith("vert.x-eventloop")) {
                stub += used;
            } else if (info.getThreadName().startsWith("sender") || info.getThreadName().startsWith("HttpClient")) {
                senders.put(info.getThreadId(), used);
            }
        }
        String stat = Files.readString(Path.of("/proc/" + runtimePid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long runtimeTicks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return new ProcessCpu(runtimeTicks * 10_000_000L, stub, senders, CpuUse.now().postgresNanos());
    }

    long sendersNanos() {
        return sendersByThread.values().stream().mapToLong(Long::longValue).sum();
    }

    ProcessCpu minus(ProcessCpu before) {
        java.util.Map<Long, Long> senders = new java.util.HashMap<>();
        sendersByThread.forEach((id, used) -> senders.put(id, used - before.sendersByThread.getOrDefault(id, 0L)));
        return new ProcessCpu(runtimeNanos - before.runtimeNanos, stubNanos - before.stubNanos, senders,
                postgresNanos - before.postgresNanos);
    }
}
