package io.flowstack.bench;

import java.util.Map;

/** The tenant benchmark's CPU, split by thread group. */
final class CpuParts {
    private CpuParts() {
    }

    /**
     * The run's CPU by part: the server's request handling (measured inside the double: the double, the mock's store
     * and its watch fan-out), the rest of the event-loop threads (HTTP on both ends, the informers' watch decoding),
     * the operator's reconcile threads, the readiness fake, the bench's clients and what no live thread accounts for
     * (GC, JIT).
     */
    static Map<String, Double> of(double total, double server, Map<String, Double> byThreads) {
        Map<String, Double> parts = new java.util.LinkedHashMap<>();
        double eventLoops = 0;
        double reconcilers = 0;
        double fake = 0;
        double bench = 0;
        double handlers = 0;
        double others = 0;
        for (Map.Entry<String, Double> group : byThreads.entrySet()) {
            String name = group.getKey();
            if (name.startsWith("vert.x-eventloop")) {
                eventLoops += group.getValue();
            } else if (name.startsWith("ReconcilerExecutor") || name.startsWith("WorkflowExecutor")) {
                // the SDK's pools, named by TestingOperator (plain "pool-N-thread-N" threads are the mock's, which
                // sends watch events from them: "other threads")
                reconcilers += group.getValue();
            } else if (name.startsWith("testing-workloads")) {
                fake += group.getValue();
            } else if (name.startsWith("-N-pool-N-thread-N")) {
                // the clients' executors (fabric8 names them after the owning object): informers hand events to their
                // handlers there, and async calls complete there
                handlers += group.getValue();
            } else if (name.startsWith("bench-") || name.equals("main")) {
                bench += group.getValue();
            } else {
                others += group.getValue();
            }
        }
        parts.put("server: requests answered (double, mock store, watch fan-out)", server);
        parts.put("event loops otherwise (HTTP both ends, informers decoding watch events)", eventLoops - server);
        parts.put("operator reconcile threads", reconcilers);
        parts.put("client executors (informer event handlers, async callbacks)", handlers);
        parts.put("readiness fake", fake);
        parts.put("bench clients and main", bench);
        parts.put("other threads (the mock's watch senders among them)", others);
        parts.put("no live thread (GC, JIT, ended threads)", total - eventLoops - reconcilers - fake - bench - handlers
                - others);
        System.out.println("CPU by thread group: " + byThreads);
        return parts;
    }
}
