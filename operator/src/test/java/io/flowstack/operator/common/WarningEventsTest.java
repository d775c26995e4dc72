package io.flowstack.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.operator.workflow.WorkflowReason;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One Warning event per new problem: none while it lasts, one when its reason changes, none on recovery. */
@EnableKubernetesMockClient(crud = true)
class WarningEventsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    KubernetesClient client;
    private final WarningEvents events = new WarningEvents(WorkflowReason.values());
    private final Workflow workflow = workflow();

    private static Workflow workflow() {
        Workflow workflow = new Workflow();
        workflow.setMetadata(new ObjectMetaBuilder().withName("flow").withNamespace("tenant-acme").withUid("u1")
                .build());
        return workflow;
    }

    private static List<Condition> ready(WorkflowReason reason, String message) {
        return List.of(Conditions.of("Ready", !reason.problem(), reason, message));
    }

    private int report(List<Condition> before, List<Condition> after) {
        return events.reportNew(client, workflow, List.of("Ready"), before, after, NOW);
    }

    private List<String> recorded() {
        return client.v1().events().inNamespace("tenant-acme").list().getItems().stream()
                .map(e -> e.getType() + " " + e.getReason() + ": " + e.getMessage()).toList();
    }

    @Test
    void aProblemIsReportedOnceWhenItAppearsAndAgainOnlyWhenItsReasonChanges() {
        assertThat(report(null, ready(WorkflowReason.Loading, "loading"))).as("progress is no problem").isZero();
        assertThat(report(ready(WorkflowReason.Loading, "loading"), ready(WorkflowReason.InvalidSpec, "spec.x: bad")))
                .isEqualTo(1);
        assertThat(report(ready(WorkflowReason.InvalidSpec, "spec.x: bad"), ready(WorkflowReason.InvalidSpec,
                "spec.x: bad"))).as("while it lasts").isZero();
        assertThat(report(ready(WorkflowReason.InvalidSpec, "spec.x: bad"), ready(WorkflowReason.RuntimeUnreachable,
                "down"))).as("a different problem").isEqualTo(1);
        assertThat(report(ready(WorkflowReason.RuntimeUnreachable, "down"), ready(WorkflowReason.Running, "ok")))
                .as("recovery").isZero();
        assertThat(recorded()).containsExactlyInAnyOrder("Warning InvalidSpec: spec.x: bad",
                "Warning RuntimeUnreachable: down");
        assertThat(client.v1().events().inNamespace("tenant-acme").list().getItems())
                .allSatisfy(e -> assertThat(e.getInvolvedObject().getName()).isEqualTo("flow"));
    }
}
