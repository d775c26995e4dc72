package io.flowstack.operator.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.flowstack.crds.v1alpha1.common.FieldError;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.integration.IntegrationStatus;
import io.flowstack.operator.common.Conditions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Valid, SecretReady, Connected and Ready of an Integration, and when a check counts as made. */
class IntegrationStatusAggregatorTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private final Integration integration = integration();

    private static Integration integration() {
        Integration integration = new Integration();
        integration.setMetadata(new ObjectMetaBuilder().withName("crm").withNamespace("tenant-acme").withGeneration(2L)
                .build());
        return integration;
    }

    private IntegrationStatus aggregate(List<FieldError> errors, Optional<String> secret,
                                        Optional<ConnectivityCheck.Outcome> connectivity) {
        return IntegrationStatusAggregator.aggregate(integration, new IntegrationStatusAggregator.Observation(true,
                errors, secret, connectivity), NOW);
    }

    private static String reason(IntegrationStatus status, String type) {
        return Conditions.find(status.conditions, type).orElseThrow().reason;
    }

    @Test
    void aMissingKeyIsNamedAndKeepsTheIntegrationFromReady() {
        IntegrationStatus status = aggregate(List.of(), Optional.of("Secret hubspot lacks key(s) token (accessToken)"),
                Optional.empty());
        assertThat(reason(status, "SecretReady")).isEqualTo("SecretNotReady");
        assertThat(Conditions.find(status.conditions, "Ready").orElseThrow().message).contains("token (accessToken)");
        assertThat(Conditions.find(status.conditions, "Connected")).isEmpty();
    }

    @Test
    void aFailedCheckIsConnectionFailedAndStampsTheCheckTime() {
        ConnectivityCheck.Outcome failed = new ConnectivityCheck.Outcome(Conditions.of("Connected", false,
                IntegrationReason.CheckFailed, "GET / answered 503"), Duration.ofSeconds(30), true);
        IntegrationStatus status = aggregate(List.of(), Optional.empty(), Optional.of(failed));
        assertThat(reason(status, "Ready")).isEqualTo("ConnectionFailed");
        assertThat(status.lastCheckTime).isEqualTo(NOW.toString());
    }

    @Test
    void anInvalidSpecWinsOverEverythingElseAndNoCheckLeavesTheTimeAlone() {
        IntegrationStatus status = aggregate(List.of(new FieldError("spec.baseUrl", "not a URL")), Optional.empty(),
                Optional.empty());
        assertThat(reason(status, "Valid")).isEqualTo("InvalidSpec");
        assertThat(reason(status, "Ready")).isEqualTo("InvalidSpec");
        assertThat(status.lastCheckTime).isNull();
        IntegrationStatus outside = IntegrationStatusAggregator.aggregate(integration,
                new IntegrationStatusAggregator.Observation(false, List.of(), Optional.empty(), Optional.empty()), NOW);
        assertThat(reason(outside, "Ready")).isEqualTo("NotInTenantNamespace");
    }
}
