package io.flowstack.operator.workflow;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.common.ConditionStatus;
import io.flowstack.crds.v1alpha1.common.FieldError;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.integration.IntegrationCatalog;
import io.flowstack.crds.v1alpha1.integration.IntegrationStatus;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.validation.FlowstackValidator;
import io.flowstack.crds.validation.ValidationContext;
import io.flowstack.operator.definitions.Projection;
import io.flowstack.operator.runtimeapi.RuntimeApi;
import io.flowstack.operator.status.Conditions;
import io.flowstack.operator.tenant.TenantReconciler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks each Integration: in a tenant's namespace, valid (Valid lets the Tenant reconciler project it), its Secret
 * holding every credential its type needs (SecretReady names a missing Secret or key), and the service reachable with
 * them from the tenant's runtime (Connected, see {@link ConnectivityCheck}). While the Secret is not ready the check
 * repeats every 30 s, so a Secret created later is noticed without watching every Secret of the cluster.
 */
@ControllerConfiguration(name = "integration", fieldManager = TenantReconciler.FIELD_MANAGER)
public class IntegrationReconciler implements Reconciler<Integration> {
    static final Duration SECRET_RECHECK = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FlowstackValidator validator = new FlowstackValidator();
    private final Clock clock;
    private final ConnectivityCheck connectivity;

    @Inject
    public IntegrationReconciler(Clock clock, RuntimeApi runtimeApi) {
        this.clock = clock;
        this.connectivity = new ConnectivityCheck(runtimeApi);
    }

    @Override
    public List<EventSource<?, Integration>> prepareEventSources(EventSourceContext<Integration> context) {
        var tenants = InformerEventSourceConfiguration.from(Tenant.class, Integration.class)
                .withItemStore(new TenantSummaries())
                .withSecondaryToPrimaryMapper(tenant -> context.getPrimaryCache()
                        .list(tenant.targetNamespace()).map(ResourceID::fromResource).collect(Collectors.toSet()))
                .build();
        return List.of(new InformerEventSource<>(tenants, context));
    }

    @Override
    public UpdateControl<Integration> reconcile(Integration integration, Context<Integration> context) {
        String namespace = integration.getMetadata().getNamespace();
        long generation = integration.getMetadata().getGeneration() == null ? 0 : integration.getMetadata().getGeneration();
        List<Condition> before = integration.getStatus() == null ? null : integration.getStatus().conditions;
        List<Condition> conditions = new ArrayList<>();
        Instant now = clock.instant();
        String lastCheckTime = integration.getStatus() == null ? null : integration.getStatus().lastCheckTime;
        Optional<Duration> recheck = Optional.empty();
        Optional<Tenant> tenant = TenantLookup.forNamespace(context, namespace);
        if (tenant.isEmpty()) {
            conditions.add(Conditions.of("Ready", false, "NotInTenantNamespace", "namespace " + namespace
                    + " belongs to no Tenant: create the Integration in a tenant's namespace"));
        } else {
            List<FieldError> errors = validator.validate(integration, ValidationContext.none());
            Optional<String> secretProblem = secretProblem(integration, context);
            boolean secretReady = secretProblem.isEmpty();
            boolean valid = errors.isEmpty();
            String problems = errors.stream().map(e -> e.field + ": " + e.message).collect(Collectors.joining("; "));
            conditions.add(valid ? Conditions.of(Projection.VALID, true, "Valid", "the integration passes validation")
                    : Conditions.of(Projection.VALID, false, "InvalidSpec", problems));
            conditions.add(secretReady ? Conditions.of("SecretReady", true, "SecretReady", "every credential is present")
                    : Conditions.of("SecretReady", false, "SecretNotReady", secretProblem.get()));
            Condition connected = null;
            if (valid && secretReady) {
                ConnectivityCheck.Outcome outcome = connectivity.check(integration, tenant.get(), before, generation,
                        context.getClient(), now);
                connected = outcome.condition();
                recheck = Optional.of(outcome.next());
                if (outcome.checked()) {
                    lastCheckTime = now.toString();
                }
                conditions.add(connected);
            } else {
                recheck = secretReady ? Optional.empty() : Optional.of(SECRET_RECHECK);
            }
            if (!valid) {
                conditions.add(Conditions.of("Ready", false, "InvalidSpec", problems));
            } else if (!secretReady) {
                conditions.add(Conditions.of("Ready", false, "SecretNotReady", secretProblem.get()));
            } else if (connected != null && connected.status == ConditionStatus.False) {
                conditions.add(Conditions.of("Ready", false, "ConnectionFailed", connected.message));
            } else {
                conditions.add(Conditions.of("Ready", true, "SecretReady", "valid and its credentials are present"));
            }
        }
        IntegrationStatus status = new IntegrationStatus();
        status.observedGeneration = generation;
        status.conditions = Conditions.merge(before, conditions, generation, now);
        status.lastCheckTime = lastCheckTime;
        UpdateControl<Integration> control;
        if (integration.getStatus() != null && JSON.valueToTree(integration.getStatus()).equals(JSON.valueToTree(status))) {
            control = UpdateControl.noUpdate();
        } else {
            Integration patch = new Integration();
            patch.setMetadata(new ObjectMetaBuilder().withName(integration.getMetadata().getName())
                    .withNamespace(namespace).build());
            patch.setStatus(status);
            // cached at once: a reconcile that follows before the informer sees this write must not write it again
            PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(integration, patch, context);
            control = UpdateControl.noUpdate();
        }
        return recheck.map(control::rescheduleAfter).orElse(control);
    }

    /** What is missing: the Secret, or which keys; empty when everything the type needs is there. */
    private static Optional<String> secretProblem(Integration integration, Context<Integration> context) {
        var spec = integration.getSpec();
        if (spec.secretRef == null) {
            return Optional.empty();
        }
        Secret secret = context.getClient().secrets().inNamespace(integration.getMetadata().getNamespace())
                .withName(spec.secretRef.name).get();
        if (secret == null) {
            return Optional.of("Secret " + spec.secretRef.name + " not found in namespace "
                    + integration.getMetadata().getNamespace() + ": create it with the keys " + keys(integration));
        }
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        List<String> missing = new ArrayList<>();
        for (String credential : IntegrationCatalog.of(spec.type).requiredSecretKeys()) {
            String key = spec.secretRef.keys != null && spec.secretRef.keys.containsKey(credential)
                    ? spec.secretRef.keys.get(credential) : credential;
            if (!data.containsKey(key) && (secret.getStringData() == null || !secret.getStringData().containsKey(key))) {
                missing.add(key + " (" + credential + ")");
            }
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of("Secret " + spec.secretRef.name + " lacks key(s) "
                + String.join(", ", missing));
    }

    private static String keys(Integration integration) {
        var spec = integration.getSpec();
        return IntegrationCatalog.of(spec.type).requiredSecretKeys().stream()
                .map(c -> spec.secretRef.keys != null && spec.secretRef.keys.containsKey(c) ? spec.secretRef.keys.get(c) : c)
                .collect(Collectors.joining(", "));
    }
}
