package io.flowstack.operator.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowstack.crds.v1alpha1.common.FlowstackStatus;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.integration.IntegrationStatus;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.crds.v1alpha1.workflow.WorkflowStatus;
import io.flowstack.crds.validation.Revisions;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.testing.Examples;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which specs reach the runtime: valid ones as they are, invalid ones as they last were valid, never-valid ones not. */
class ProjectionTest {
    private static <T> T example(String file, Class<T> type) throws IOException {
        return Serialization.unmarshal(Files.readString(Examples.root().resolve("acme").resolve(file)), type);
    }

    private static <S extends FlowstackStatus> S checked(S status, long generation, boolean valid) {
        status.observedGeneration = generation;
        status.conditions = Conditions.merge(null, List.of(Conditions.of(Projection.VALID, valid, valid ? "Valid"
                : "InvalidSpec", "")), generation, Instant.EPOCH);
        return status;
    }

    private static Workflow workflow(long generation, Long checkedGeneration, boolean valid) throws IOException {
        Workflow workflow = example("workflow-lead-enrichment.yaml", Workflow.class);
        workflow.getMetadata().setGeneration(generation);
        if (checkedGeneration != null) {
            workflow.setStatus(checked(new WorkflowStatus(), checkedGeneration, valid));
        }
        return workflow;
    }

    private static Integration integration(String file) throws IOException {
        Integration integration = example(file, Integration.class);
        integration.getMetadata().setGeneration(1L);
        integration.setStatus(checked(new IntegrationStatus(), 1, true));
        return integration;
    }

    @Test
    void aValidWorkflowIsProjectedWithTheDefaultsTheRuntimeWouldApply() throws IOException {
        Workflow workflow = workflow(1, 1L, true);
        Projection.Result result = Projection.of(List.of(workflow), List.of(), Map.of());

        assertThat(result.definitions()).hasSize(1);
        Definition projected = result.definitions().get(0);
        assertThat(projected.key()).isEqualTo("workflow.lead-enrichment.yaml");
        Workflow read = Admitted.workflowFromYaml(projected.yaml());
        assertThat(read.getMetadata().getName()).isEqualTo("lead-enrichment");
        assertThat(read.getMetadata().getNamespace()).isEqualTo("tenant-acme");
        assertThat(read.getStatus()).isNull();
        // the revision of what is projected is the revision the operator reports
        assertThat(Revisions.of(read.getSpec())).isEqualTo(Admitted.revision(workflow));
    }

    @Test
    void anInvalidOrUncheckedEditKeepsTheLastValidDefinitionAndANeverValidOneIsNotProjected() throws IOException {
        String previous = "apiVersion: flowstack.io/v1alpha1\nkind: Workflow\nmetadata: {name: lead-enrichment}\n";
        Map<String, String> projected = Map.of("workflow.lead-enrichment.yaml", previous);

        Projection.Result invalid = Projection.of(List.of(workflow(2, 2L, false)), List.of(), projected);
        assertThat(invalid.definitions()).extracting(Definition::yaml).containsExactly(previous);
        assertThat(invalid.keptPrevious()).containsExactly("workflow.lead-enrichment.yaml");

        Projection.Result unchecked = Projection.of(List.of(workflow(3, 2L, true)), List.of(), projected);
        assertThat(unchecked.definitions()).extracting(Definition::yaml).containsExactly(previous);

        assertThat(Projection.of(List.of(workflow(1, 1L, false)), List.of(), Map.of()).definitions()).isEmpty();
        assertThat(Projection.of(List.of(workflow(1, null, true)), List.of(), Map.of()).definitions()).isEmpty();
        // deleted: not in the namespace any more, so gone from the runtime
        assertThat(Projection.of(List.of(), List.of(), projected).definitions()).isEmpty();
    }

    @Test
    void onlyTheSecretKeysTheIntegrationsNameAreMounted() throws IOException {
        Projection.Result result = Projection.of(List.of(), List.of(integration("integration-openai.yaml"),
                integration("integration-slack.yaml"), integration("integration-hubspot.yaml")), Map.of());
        // openai maps apiKey to api-key, slack token to bot-token, hubspot reads accessToken as it is
        assertThat(result.credentials()).containsExactly(
                new Projection.CredentialFile("hubspot", "accessToken"),
                new Projection.CredentialFile("openai", "api-key"),
                new Projection.CredentialFile("slack-bot", "bot-token"));
    }
}
