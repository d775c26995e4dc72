package io.flowstack.operator.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.flowstack.contract.api.BackupReport;
import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.flowstack.operator.backup.desired.BackupJobDesired;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the policy's finished Jobs say: each one's report, read from its pod's termination message (the backup
 * program writes one JSON document there), or made from the Job's failure when the program never wrote one.
 */
final class BackupOutcomes {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A finished Job of the policy: backup or verify, when it finished, what it reported. */
    record Outcome(String kind, String job, String finished, BackupReport report) {
    }

    private BackupOutcomes() {
    }

    /** The finished Jobs of the policy, oldest first. */
    static List<Outcome> of(BackupPolicy policy, Stream<Job> jobs, List<Pod> pods) {
        List<Outcome> outcomes = new ArrayList<>();
        jobs.filter(job -> policy.getMetadata().getName().equals(label(job, BackupJobDesired.POLICY_LABEL)))
                .forEach(job -> finished(job).flatMap(finished -> report(job, pods, finished)).ifPresent(report ->
                        outcomes.add(new Outcome(label(job, BackupJobDesired.KIND_LABEL), job.getMetadata().getName(),
                                finished(job).orElseThrow(), report))));
        outcomes.sort(Comparator.comparing(Outcome::finished).thenComparing(Outcome::job));
        return outcomes;
    }

    /** When the Job ended, if it has: its Complete or Failed condition's time. */
    private static Optional<String> finished(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                        && "True".equals(c.getStatus()))
                .map(c -> c.getLastTransitionTime() != null ? c.getLastTransitionTime()
                        : job.getStatus().getCompletionTime())
                .filter(Objects::nonNull).findFirst();
    }

    /**
     * The Job's report from its pod; a failed Job whose pod left none (or that never had a pod) gets one made from the
     * failure. Empty while the pod of a finished Job is not seen yet: its report comes with the pod's event.
     */
    private static Optional<BackupReport> report(Job job, List<Pod> pods, String finished) {
        String kind = label(job, BackupJobDesired.KIND_LABEL);
        List<Pod> own = pods.stream().filter(pod -> pod.getMetadata().getOwnerReferences() != null && pod.getMetadata()
                .getOwnerReferences().stream().anyMatch(o -> Objects.equals(o.getUid(), job.getMetadata().getUid())))
                .toList();
        Optional<String> message = own.stream()
                .flatMap(pod -> pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null ? Stream.empty()
                        : pod.getStatus().getContainerStatuses().stream())
                .filter(status -> BackupJobDesired.CONTAINER.equals(status.getName()))
                .map(BackupOutcomes::terminationMessage).flatMap(Optional::stream).findFirst();
        if (message.isPresent()) {
            try {
                return Optional.of(JSON.readValue(message.get(), BackupReport.class));
            } catch (IOException e) {
                return Optional.of(failed(kind, finished, "the " + kind + " program's report is no valid JSON: "
                        + abbreviate(message.get())));
            }
        }
        Optional<JobCondition> failure = job.getStatus().getConditions().stream()
                .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
        boolean podsRan = job.getStatus().getFailed() != null && job.getStatus().getFailed() > 0
                || job.getStatus().getSucceeded() != null && job.getStatus().getSucceeded() > 0;
        if (own.isEmpty() && (failure.isEmpty() || podsRan)) {
            // a pod ran but is not in the cache yet: its report comes with its event
            return Optional.empty();
        }
        return Optional.of(failed(kind, finished, failure.map(c -> "the " + kind + " Job failed without a report: "
                + c.getReason() + (c.getMessage() == null ? "" : ": " + c.getMessage())).orElse("the " + kind
                + " Job completed without a report")));
    }

    private static Optional<String> terminationMessage(ContainerStatus status) {
        if (status.getState() == null || status.getState().getTerminated() == null) {
            return Optional.empty();
        }
        String message = status.getState().getTerminated().getMessage();
        return message == null || message.isBlank() ? Optional.empty() : Optional.of(message);
    }

    private static BackupReport failed(String kind, String time, String message) {
        return new BackupReport(kind, false, message, null, time, null, null, null, null, null);
    }

    private static String label(Job job, String key) {
        return job.getMetadata().getLabels() == null ? null : job.getMetadata().getLabels().get(key);
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
