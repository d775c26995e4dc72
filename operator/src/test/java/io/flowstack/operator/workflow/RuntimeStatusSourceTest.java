package io.flowstack.operator.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.tenant.TenantStatus;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.operator.runtimeapi.RuntimeApi;
import io.flowstack.operator.runtimeapi.RuntimeApiSettings;
import io.flowstack.contract.ExecutionStatus;
import io.flowstack.contract.api.ExecutionSummary;
import io.flowstack.contract.api.WorkflowState;
import io.flowstack.operator.testing.Examples;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One request per runtime per round; reconciles only for workflows whose report changed; backoff when unreachable. */
class RuntimeStatusSourceTest {
    private static final String NS = "tenant-acme";
    private static final Map<String, WorkflowState> IN_MAINTENANCE = new java.util.HashMap<>();
    private final List<Map<String, WorkflowState>> answers = new ArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private Instant now = Instant.parse("2026-11-22T10:00:00Z");
    private final RuntimeApi api = new RuntimeApi(new RuntimeApiSettings("http://unused", Duration.ofSeconds(30),
            Duration.ofMinutes(10), Duration.ofSeconds(5))) {
        @Override
        public Map<String, WorkflowState> workflows(KubernetesClient client, String namespace) throws RuntimeApiException {
            calls.incrementAndGet();
            Map<String, WorkflowState> answer = answers.remove(0);
            if (answer == null) {
                throw new RuntimeApiException("the runtime API of " + namespace + " is unreachable: ConnectException", 0, null);
            }
            if (answer == IN_MAINTENANCE) {
                throw new RuntimeApiException("GET /api/workflows answered 503", 503,
                        new io.flowstack.contract.api.ApiError("maintenance", "tenant acme is in maintenance mode"));
            }
            return answer;
        }
    };
    private final List<ResourceID> woken = new CopyOnWriteArrayList<>();
    private final Tenant tenant = readyTenant();
    private final RuntimeStatusSource source = new RuntimeStatusSource(api, null,
            () -> List.of(workflow("a"), workflow("b")), ns -> NS.equals(ns) ? Optional.of(tenant) : Optional.empty(),
            new Clock() {
                @Override
                public java.time.ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            });

    RuntimeStatusSourceTest() {
        source.setEventHandler(event -> woken.add(event.getRelatedCustomResourceID()));
        source.start();
    }

    @AfterEach
    void stop() {
        source.stop();
    }

    private static Tenant readyTenant() {
        Tenant tenant = Examples.tenant("acme.yaml");
        tenant.setStatus(new TenantStatus());
        tenant.getStatus().runtime = new TenantStatus.ComponentStatus();
        tenant.getStatus().runtime.ready = true;
        return tenant;
    }

    private static Workflow workflow(String name) {
        Workflow workflow = new Workflow();
        workflow.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        return workflow;
    }

    private static WorkflowState report(String name, String revision, String lastExecution) {
        return new WorkflowState(name, revision, false, lastExecution == null ? null
                : new ExecutionSummary(lastExecution, ExecutionStatus.succeeded, null, null),
                lastExecution == null ? null : 1.0);
    }

    private List<String> round(Map<String, WorkflowState> answer) {
        answers.add(answer);
        woken.clear();
        source.pollAll();
        return woken.stream().map(ResourceID::getName).sorted().toList();
    }

    @Test
    void wakesOnlyTheWorkflowsWhoseReportChanged() {
        assertThat(round(Map.of("a", report("a", "r1", null), "b", report("b", "r1", null)))).containsExactly("a", "b");
        assertThat(round(Map.of("a", report("a", "r1", null), "b", report("b", "r1", null)))).isEmpty();
        // b ran once: only b is reconciled
        assertThat(round(Map.of("a", report("a", "r1", null), "b", report("b", "r1", "e-1")))).containsExactly("b");
        // a's new revision was loaded
        assertThat(round(Map.of("a", report("a", "r2", null), "b", report("b", "r1", "e-1")))).containsExactly("a");
        assertThat(source.report(NS, "a")).map(WorkflowState::revision).contains("r2");
        assertThat(calls).hasValue(4);
    }

    @Test
    void anUnreachableRuntimeWakesItsWorkflowsOnceAndIsAskedAgainAfterAGrowingPause() {
        round(Map.of("a", report("a", "r1", null), "b", report("b", "r1", null)));
        assertThat(round(null)).as("they say why now").containsExactly("a", "b");
        assertThat(source.failure(NS)).get().asString().contains("unreachable");
        assertThat(source.report(NS, "a")).as("the last report is kept").isPresent();

        // not asked again before the pause (2 x 30 s after the first failure) is over
        now = now.plusSeconds(59);
        source.pollAll();
        assertThat(calls).hasValue(2);
        now = now.plusSeconds(1);
        assertThat(round(null)).as("still failing: nobody woken again").isEmpty();
        assertThat(calls).hasValue(3);

        // the next pause is longer: 4 x 30 s
        now = now.plusSeconds(119);
        source.pollAll();
        assertThat(calls).hasValue(3);
        now = now.plusSeconds(1);
        assertThat(round(Map.of("a", report("a", "r1", null), "b", report("b", "r1", null))))
                .as("back: everyone's Ready says so").containsExactly("a", "b");
        assertThat(source.failure(NS)).isEmpty();
    }

    @Test
    void aRuntimeThatIsNotReadyIsNotAsked() {
        tenant.getStatus().runtime.ready = false;
        source.pollAll();
        assertThat(calls).hasValue(0);
    }

    @Test
    void aRuntimeInMaintenanceModeIsToldApartFromAnUnreachableOne() {
        round(Map.of("a", report("a", "r1", null), "b", report("b", "r1", null)));
        assertThat(round(IN_MAINTENANCE)).as("their Ready says maintenance now").containsExactly("a", "b");
        assertThat(source.inMaintenance(NS)).isTrue();
        now = now.plusSeconds(60);
        assertThat(round(Map.of("a", report("a", "r1", null), "b", report("b", "r1", null))))
                .as("maintenance over").containsExactly("a", "b");
        assertThat(source.inMaintenance(NS)).isFalse();
        assertThat(round(null)).as("unreachable is not maintenance").containsExactly("a", "b");
        assertThat(source.inMaintenance(NS)).isFalse();
    }
}
