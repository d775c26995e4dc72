package io.flowstack.operator.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.integration.IntegrationStatus;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.tenant.TenantStatus;
import io.flowstack.contract.api.ApiError;
import io.flowstack.contract.api.ConnectivityResult;
import io.flowstack.operator.runtimeapi.RuntimeApi;
import io.flowstack.operator.runtimeapi.RuntimeApiSettings;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.testing.Examples;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pace of connectivity checks: bounded when connected, backing off while failing, none before the runtime runs. */
class ConnectivityCheckTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private final Deque<Object> answers = new ArrayDeque<>();
    private int calls;
    private final RuntimeApi api = new RuntimeApi(new RuntimeApiSettings("http://unused", Duration.ofSeconds(30),
            Duration.ofMinutes(10), Duration.ofSeconds(5))) {
        @Override
        public ConnectivityResult check(KubernetesClient client, String namespace, String integration) throws RuntimeApiException {
            calls++;
            Object answer = answers.removeFirst();
            if (answer instanceof RuntimeApiException e) {
                throw e;
            }
            return (ConnectivityResult) answer;
        }
    };
    private final ConnectivityCheck check = new ConnectivityCheck(api);
    private final Integration integration = integration();
    private final Tenant tenant = readyTenant();

    private static Integration integration() {
        Integration integration = new Integration();
        integration.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("crm")
                .withNamespace("tenant-acme").withGeneration(1L).build());
        return integration;
    }

    private static Tenant readyTenant() {
        Tenant tenant = Examples.tenant("acme.yaml");
        tenant.setStatus(new TenantStatus());
        tenant.getStatus().runtime = new TenantStatus.ComponentStatus();
        tenant.getStatus().runtime.ready = true;
        return tenant;
    }

    /** Runs a check at the given time and records its outcome in the integration's status, as the reconciler does. */
    private ConnectivityCheck.Outcome at(Instant now) {
        List<Condition> before = integration.getStatus() == null ? null : integration.getStatus().conditions;
        ConnectivityCheck.Outcome outcome = check.check(integration, tenant, before, 1, null, now);
        IntegrationStatus status = new IntegrationStatus();
        status.conditions = Conditions.merge(before, List.of(outcome.condition()), 1, now);
        status.lastCheckTime = outcome.checked() ? now.toString()
                : integration.getStatus() == null ? null : integration.getStatus().lastCheckTime;
        integration.setStatus(status);
        return outcome;
    }

    @Test
    void aConnectedIntegrationIsCheckedAgainOnlyAfterTheInterval() {
        answers.add(new ConnectivityResult("crm", true, "GET / answered 200"));
        ConnectivityCheck.Outcome first = at(T0);
        assertThat(first.checked()).isTrue();
        assertThat(first.condition().reason).isEqualTo("Connected");
        assertThat(first.next()).isEqualTo(Duration.ofMinutes(10));

        ConnectivityCheck.Outcome early = at(T0.plusSeconds(60));
        assertThat(early.checked()).isFalse();
        assertThat(early.condition().status.name()).isEqualTo("True");
        assertThat(early.next()).isEqualTo(Duration.ofMinutes(9));
        assertThat(calls).isEqualTo(1);

        answers.add(new ConnectivityResult("crm", true, "GET / answered 200"));
        assertThat(at(T0.plusSeconds(600)).checked()).isTrue();
        assertThat(calls).isEqualTo(2);
    }

    @Test
    void aFailingIntegrationIsCheckedLessOftenTheLongerItFails() {
        Instant now = T0;
        long[] expectedPauses = {30, 30, 60, 120, 240, 480, 600, 600};
        for (long expected : expectedPauses) {
            answers.add(new ConnectivityResult("crm", false, "GET / answered 503"));
            ConnectivityCheck.Outcome outcome = at(now);
            assertThat(outcome.checked()).isTrue();
            assertThat(outcome.condition().reason).isEqualTo("CheckFailed");
            assertThat(outcome.condition().message).isEqualTo("GET / answered 503");
            assertThat(outcome.next()).isEqualTo(Duration.ofSeconds(expected));
            // nothing is asked before it is due
            assertThat(at(now.plus(outcome.next()).minusSeconds(1)).checked()).isFalse();
            now = now.plus(outcome.next());
        }
        assertThat(calls).isEqualTo(expectedPauses.length);
    }

    @Test
    void nothingIsAskedOfARuntimeThatIsNotReadyAndANotYetLoadedIntegrationIsAskedAgainSoon() {
        tenant.getStatus().runtime.ready = false;
        ConnectivityCheck.Outcome waiting = at(T0);
        assertThat(waiting.checked()).isFalse();
        assertThat(waiting.condition().reason).isEqualTo("RuntimeNotReady");
        assertThat(calls).isZero();

        tenant.getStatus().runtime.ready = true;
        answers.add(new RuntimeApi.RuntimeApiException("POST /api/integrations/crm/check answered 404",
                404, new ApiError(ApiError.Reasons.UNKNOWN_INTEGRATION, "no integration named crm is deployed")));
        ConnectivityCheck.Outcome notLoaded = at(T0.plusSeconds(1));
        assertThat(notLoaded.condition().reason).isEqualTo("NotLoaded");
        assertThat(notLoaded.next()).isEqualTo(ConnectivityCheck.NOT_LOADED_RETRY);
    }
}
