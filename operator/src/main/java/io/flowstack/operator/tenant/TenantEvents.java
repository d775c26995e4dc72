package io.flowstack.operator.tenant;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/** Warning events on a Tenant, so `kubectl describe tenant` shows what went wrong and when. */
final class TenantEvents {
    private static final Logger LOG = Logger.getLogger(TenantEvents.class);

    void warning(KubernetesClient client, Tenant tenant, String reason, String message, Instant now) {
        String timestamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
        try {
            // events of cluster-scoped objects live in the default namespace, as kubectl describe expects
            client.v1().events().inNamespace("default").resource(new EventBuilder()
                    .withNewMetadata().withGenerateName(tenant.getMetadata().getName() + ".").withNamespace("default")
                    .endMetadata()
                    .withNewInvolvedObject().withApiVersion(tenant.getApiVersion()).withKind(tenant.getKind())
                    .withName(tenant.getMetadata().getName()).withUid(tenant.getMetadata().getUid()).endInvolvedObject()
                    .withType("Warning").withReason(reason).withMessage(message)
                    .withFirstTimestamp(timestamp).withLastTimestamp(timestamp).withCount(1)
                    .withNewSource().withComponent("flowstack-operator").endSource()
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.debugf("could not record event %s for tenant %s: %s", reason, tenant.getMetadata().getName(), e.getMessage());
        }
    }
}
