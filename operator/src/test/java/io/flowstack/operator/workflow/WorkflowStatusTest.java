package io.flowstack.operator.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.testing.Eventually;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.testing.StackTest;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Workflows and Integrations checked where they live: precise conditions, field paths, missing Secret keys named. */
class WorkflowStatusTest extends StackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @BeforeEach
    void start() {
        client.resource(Examples.tenant("acme.yaml")).create();
        Eventually.within(TIMEOUT, () -> assertThat(client.namespaces().withName("tenant-acme").get()).isNotNull());
    }

    private <T extends io.fabric8.kubernetes.api.model.HasMetadata> T example(String file, Class<T> type) throws IOException {
        return Serialization.unmarshal(Files.readString(Examples.root().resolve("acme").resolve(file)), type);
    }

    private Condition condition(Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>> type, String namespace,
                                String name, String conditionType) {
        var resource = client.resources(type).inNamespace(namespace).withName(name).get();
        var status = (io.flowstack.crds.v1alpha1.common.FlowstackStatus) resource.getStatus();
        assertThat(status).as("status of %s", name).isNotNull();
        return Conditions.find(status.conditions, conditionType).orElseThrow();
    }

    @Test
    void aBadWorkflowGetsEveryErrorWithItsFieldPathAndNoRevision() {
        Workflow cyclic = Serialization.unmarshal("""
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: cyclic, namespace: tenant-acme}
                spec:
                  trigger: {manual: {}}
                  steps:
                    - {name: a, type: delay, needs: [b], delay: {duration: 1s}}
                    - {name: b, type: integration, needs: [a], integration: {integrationRef: salesforce, action: upsert}}
                """, Workflow.class);
        client.resource(cyclic).create();
        Eventually.within(TIMEOUT, () -> {
            Workflow current = client.resources(Workflow.class).inNamespace("tenant-acme").withName("cyclic").get();
            assertThat(current.getStatus()).isNotNull();
            assertThat(condition(Workflow.class, "tenant-acme", "cyclic", "Valid").reason).isEqualTo("InvalidSpec");
            assertThat(current.getStatus().validationErrors).extracting(e -> e.field)
                    .contains("spec.steps[0].needs[0]", "spec.steps[1].integration.integrationRef");
            assertThat(current.getStatus().revision).isNull();
        });
    }

    @Test
    void anIntegrationNamesTheSecretOrKeyItMisses() throws IOException {
        client.resource(example("integration-hubspot.yaml", Integration.class)).create();
        client.resource(example("integration-slack.yaml", Integration.class)).create();
        Eventually.within(TIMEOUT, () -> {
            Condition secret = condition(Integration.class, "tenant-acme", "hubspot", "SecretReady");
            assertThat(secret.status.name()).isEqualTo("False");
            assertThat(secret.message).contains("Secret hubspot not found").contains("accessToken");
        });
        client.secrets().inNamespace("tenant-acme").resource(new SecretBuilder().withNewMetadata().withName("slack-bot")
                .withNamespace("tenant-acme").endMetadata().withData(Map.of("token", "eG94Yg==")).build()).create();
        Eventually.within(Duration.ofSeconds(45), () -> {
            Condition secret = condition(Integration.class, "tenant-acme", "slack", "SecretReady");
            assertThat(secret.message).contains("lacks key(s) bot-token (token)");
        });
    }
}
