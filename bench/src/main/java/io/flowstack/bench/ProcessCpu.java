package io.flowstack.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU so far of the runtime process, the stub's threads here, PostgreSQL's processes and the whole machine (the
 * senders count their own, see WebhookBench).
 */
record ProcessCpu(long runtimeNanos, long stubNanos, long postgresNanos, long machineNanos) {
    static ProcessCpu now(long runtimePid) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long stub = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long used = Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            if (info.getThreadName().startsWith("vert.x-eventloop")) {
                stub += used;
            }
        }
        String stat = Files.readString(Path.of("/proc/" + runtimePid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long runtimeTicks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return new ProcessCpu(runtimeTicks * 10_000_000L, stub, CpuUse.now().postgresNanos(), machine());
    }

    /** CPU the whole machine spent (every process and the kernel: /proc/stat's busy time, not idle or I/O wait). */
    private static long machine() throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int field : new int[] {1, 2, 3, 6, 7, 8}) {   // user nice system irq softirq steal
            busy += Long.parseLong(cpu[field]);
        }
        return busy * 10_000_000L;
    }

    ProcessCpu minus(ProcessCpu before) {
        return new ProcessCpu(runtimeNanos - before.runtimeNanos, stubNanos - before.stubNanos,
                postgresNanos - before.postgresNanos, machineNanos - before.machineNanos);
    }
}
