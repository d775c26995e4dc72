package io.flowstack.operator.common;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flowstack.crds.v1alpha1.common.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Warning events on Flowstack objects, so {@code kubectl describe} shows what went wrong and when: one event (and one
 * log line) when a problem appears or changes its reason, none while it lasts.
 */
public final class WarningEvents {
    private static final Logger LOG = Logger.getLogger(WarningEvents.class);
    private final Set<String> problemReasons;

    /** @param problems every reason of the kind; those with {@link Reason#problem()} are reported */
    public WarningEvents(Reason... problems) {
        Set<String> names = new HashSet<>();
        for (Reason reason : problems) {
            if (reason.problem()) {
                names.add(reason.name());
            }
        }
        this.problemReasons = Set.copyOf(names);
    }

    /**
     * Records a Warning event when one of the watched conditions of {@code after} carries a problem reason that the
     * same condition of {@code before} did not (a new problem, or one whose reason changed), once per reason; logs
     * when a problem is gone. Returns how many events it recorded.
     */
    public int reportNew(KubernetesClient client, HasMetadata object, List<String> watched, List<Condition> before,
                         List<Condition> after, Instant now) {
        int reported = 0;
        Set<String> seen = new HashSet<>();
        for (String type : watched) {
            Optional<Condition> was = Conditions.find(before, type).filter(this::isProblem);
            Optional<Condition> is = Conditions.find(after, type).filter(this::isProblem);
            if (is.isPresent() && seen.add(is.get().reason)
                    && (was.isEmpty() || !Objects.equals(was.get().reason, is.get().reason))) {
                LOG.warnf("%s %s: %s: %s", object.getKind(), describe(object), is.get().reason, is.get().message);
                record(client, object, is.get().reason, is.get().message, now);
                reported++;
            } else if (is.isEmpty() && was.isPresent() && seen.add("recovered")) {
                LOG.infof("%s %s: recovered from %s", object.getKind(), describe(object), was.get().reason);
            }
        }
        return reported;
    }

    private boolean isProblem(Condition condition) {
        return problemReasons.contains(condition.reason);
    }

    /** Records one Warning event on the object (cluster-scoped objects' events go to the default namespace). */
    public static void record(KubernetesClient client, HasMetadata object, String reason, String message, Instant now) {
        String timestamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
        String namespace = object.getMetadata().getNamespace() == null ? "default" : object.getMetadata().getNamespace();
        try {
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata().withGenerateName(object.getMetadata().getName() + ".").withNamespace(namespace)
                    .endMetadata()
                    .withNewInvolvedObject().withApiVersion(object.getApiVersion()).withKind(object.getKind())
                    .withName(object.getMetadata().getName()).withNamespace(object.getMetadata().getNamespace())
                    .withUid(object.getMetadata().getUid()).endInvolvedObject()
                    .withType("Warning").withReason(reason).withMessage(message)
                    .withFirstTimestamp(timestamp).withLastTimestamp(timestamp).withCount(1)
                    .withNewSource().withComponent(Labels.MANAGED_BY_VALUE).endSource()
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.debugf("could not record event %s for %s: %s", reason, describe(object), e.getMessage());
        }
    }

    private static String describe(HasMetadata object) {
        return object.getMetadata().getNamespace() == null ? object.getMetadata().getName()
                : object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }
}
