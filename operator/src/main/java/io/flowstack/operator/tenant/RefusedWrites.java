package io.flowstack.operator.tenant;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes of a Tenant's dependents that the API server refused for a reason retrying will not change (invalid, an
 * immutable field, a forbidden or missing namespace, a conflict): they become a {@link TenantProblem} — Ready=False,
 * Degraded=True, the server's own message, a Warning event once, retries with a growing pause — instead of an
 * exception that leaves the last status (Ready=True) standing. Other failures (the server unreachable, 5xx) are
 * rethrown for the framework's retry.
 */
final class RefusedWrites {
    private static final Set<Integer> REFUSALS = Set.of(400, 403, 404, 409, 422);

    private RefusedWrites() {
    }

    /** The problem the refused writes of a reconcile make, if every failure in it is such a refusal. */
    static Optional<TenantProblem> problem(AggregatedOperatorException failure) {
        Map<String, String> refused = new TreeMap<>();
        for (Map.Entry<String, Exception> entry : failure.getAggregatedExceptions().entrySet()) {
            Optional<KubernetesClientException> cause = refusal(entry.getValue());
            if (cause.isEmpty()) {
                return Optional.empty();
            }
            refused.put(entry.getKey(), message(cause.get()));
        }
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder message = new StringBuilder("the API server refused ");
        refused.forEach((dependent, why) -> message.append(message.length() > 23 ? "; " : "").append("the ")
                .append(dependent).append(" write: ").append(why));
        return Optional.of(new TenantProblem(TenantReason.WriteRefused, message.toString()));
    }

    private static Optional<KubernetesClientException> refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k && REFUSALS.contains(k.getCode())) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    private static String message(KubernetesClientException e) {
        String text = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getMessage();
        return "HTTP " + e.getCode() + " " + text;
    }
}
