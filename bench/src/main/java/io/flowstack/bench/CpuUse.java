package io.flowstack.bench;

    /**
 * CPU used so far: by this JVM, by the stub's Vert.x event loops within it, and by the PostgreSQL processes
 * (from /proc, in clock ticks of 10 ms), so the figure can be split between the engine and what it talks to.
 */
record CpuUse(long jvmNanos, long stubNanos, long postgresNanos) {
    static CpuUse now() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long stub = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("vert.x-eventloop")) {
                stub += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return new CpuUse(jvm, stub, postgresTicks() * 10_000_000L);
    }

    CpuUse minus(CpuUse before) {
        return new CpuUse(jvmNanos - before.jvmNanos, stubNanos - before.stubNanos,
                postgresNanos - before.postgresNanos);
    }

    private static long postgresTicks() {
        long ticks = 0;
        java.io.File[] processes = new java.io.File("/proc").listFiles(f -> f.getName().matches("\\d+"));
        if (processes == null) {
            return 0;
        }
        for (java.io.File process : processes) {
            try {
                String comm = java.nio.file.Files.readString(process.toPath().resolve("comm")).trim();
                if (!comm.startsWith("postgres")) {
                    continue;
                }
                String stat = java.nio.file.Files.readString(process.toPath().resolve("stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);   // utime, stime
            } catch (java.io.IOException | RuntimeException e) {
                // the process ended meanwhile
            }
        }
        return ticks;
    }
}
