package io.flowstack.operator.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.common.FlowstackStatus;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.crds.validation.Revisions;
import io.flowstack.operator.definitions.Admitted;
import io.flowstack.operator.definitions.DefinitionShards;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.testing.Edits;
import io.flowstack.operator.testing.Eventually;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.testing.StackTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Workflows and Integrations projected into the tenant's runtime: the definitions ConfigMaps, the credential keys
 * mounted into the runtime Deployment, the last valid revision kept through a bad edit, bad input kept out, and many
 * workflows within the ConfigMap limits at zero writes in steady state.
 */
class WorkflowProjectionTest extends StackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String NS = "tenant-acme";

    @BeforeEach
    void tenant() {
        client.resource(Examples.tenant("acme.yaml")).create();
        Eventually.within(TIMEOUT, () -> assertThat(client.namespaces().withName(NS).get()).isNotNull());
    }

    private static <T> T example(String file, Class<T> type) throws IOException {
        return Serialization.unmarshal(Files.readString(Examples.root().resolve("acme").resolve(file)), type);
    }

    private void secret(String name, String... keys) {
        Map<String, String> data = new HashMap<>();
        for (String key : keys) {
            data.put(key, Base64.getEncoder().encodeToString(("value-of-" + key).getBytes(StandardCharsets.UTF_8)));
        }
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(NS)
                .endMetadata().withData(data).build()).serverSideApply();
    }

    /** Every definition in the tenant's ConfigMaps, by key. */
    private Map<String, String> projected(String namespace) {
        Map<String, String> all = new HashMap<>();
        for (ConfigMap shard : client.configMaps().inNamespace(namespace).withLabel(DefinitionShards.LABEL, "true").list()
                .getItems()) {
            assertThat(shard.getMetadata().getName()).startsWith(DefinitionShards.PREFIX);
            all.putAll(shard.getData());
        }
        return all;
    }

    private Optional<String> projectedRevision(String workflow) {
        String yaml = projected(NS).get("workflow." + workflow + ".yaml");
        try {
            return yaml == null ? Optional.empty() : Optional.of(Revisions.of(Admitted.workflowFromYaml(yaml).getSpec()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Condition condition(Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>> type, String namespace,
                                String name, String conditionType) {
        var resource = client.resources(type).inNamespace(namespace).withName(name).get();
        var status = (FlowstackStatus) resource.getStatus();
        assertThat(status).as("status of %s", name).isNotNull();
        return Conditions.find(status.conditions, conditionType).orElseThrow(() -> new AssertionError(
                "no condition " + conditionType + " on " + name + ": " + status.conditions));
    }

    private Workflow manual(String name, String stepsYaml) {
        return Serialization.unmarshal("""
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: %s, namespace: %s}
                spec:
                  trigger: {manual: {}}
                  steps:
                %s
                """.formatted(name, NS, stepsYaml.indent(4)), Workflow.class);
    }

    @Test
    void validDefinitionsReachTheRuntimeWithOnlyTheSecretKeysTheyName() throws IOException {
        secret("openai", "api-key", "unrelated-key");
        secret("hubspot", "accessToken");
        secret("slack-bot", "bot-token");
        secret("enrichment-api", "token", "api-token");
        for (String file : new String[] {"integration-openai.yaml", "integration-hubspot.yaml", "integration-slack.yaml",
                "integration-clearbit.yaml"}) {
            client.resource(example(file, Integration.class)).create();
        }
        Workflow lead = example("workflow-lead-enrichment.yaml", Workflow.class);
        client.resource(lead).create();

        Eventually.within(TIMEOUT, () -> {
            assertThat(projected(NS).keySet()).containsExactlyInAnyOrder("workflow.lead-enrichment.yaml",
                    "integration.openai.yaml", "integration.hubspot.yaml", "integration.slack.yaml",
                    "integration.enrichment-api.yaml");
            Condition deployed = condition(Workflow.class, NS, "lead-enrichment", "Deployed");
            assertThat(deployed.reason).isEqualTo("Projected");
            Workflow current = client.resources(Workflow.class).inNamespace(NS).withName("lead-enrichment").get();
            assertThat(current.getStatus().revision).isEqualTo(Admitted.revision(lead))
                    .isEqualTo(projectedRevision("lead-enrichment").orElseThrow());
        });
        // the runtime is not reachable in this test: the workflow is deployed but not Ready, and says why
        Eventually.within(TIMEOUT, () -> assertThat(condition(Workflow.class, NS, "lead-enrichment", "Ready").reason)
                .isIn("Loading", "RuntimeUnreachable"));

        Deployment runtime = client.apps().deployments().inNamespace(NS).withName("flowstack-runtime").get();
        List<Volume> volumes = runtime.getSpec().getTemplate().getSpec().getVolumes();
        Volume definitions = volumes.stream().filter(v -> v.getName().equals("definitions")).findFirst().orElseThrow();
        assertThat(definitions.getProjected().getSources()).hasSize(DefinitionShards.SHARDS)
                .allSatisfy(s -> assertThat(s.getConfigMap().getOptional()).isTrue());
        Volume credentials = volumes.stream().filter(v -> v.getName().equals("credentials")).findFirst().orElseThrow();
        Map<String, List<String>> mounted = credentials.getProjected().getSources().stream().collect(Collectors.toMap(
                s -> s.getSecret().getName(), s -> s.getSecret().getItems().stream().map(KeyToPath::getPath).toList()));
        Integration clearbit = example("integration-clearbit.yaml", Integration.class);
        String clearbitKey = clearbit.getSpec().secretRef.keys == null ? "token"
                : clearbit.getSpec().secretRef.keys.getOrDefault("token", "token");
        assertThat(mounted).containsOnlyKeys("openai", "hubspot", "slack-bot", clearbit.getSpec().secretRef.name)
                .containsEntry("openai", List.of("openai/api-key"))
                .containsEntry("hubspot", List.of("hubspot/accessToken"))
                .containsEntry("slack-bot", List.of("slack-bot/bot-token"))
                .containsEntry(clearbit.getSpec().secretRef.name,
                        List.of(clearbit.getSpec().secretRef.name + "/" + clearbitKey));

        // deleting the workflow removes it from the runtime's definitions
        client.resources(Workflow.class).inNamespace(NS).withName("lead-enrichment").delete();
        Eventually.within(TIMEOUT, () -> assertThat(projected(NS)).doesNotContainKey("workflow.lead-enrichment.yaml")
                .containsKey("integration.openai.yaml"));
    }

    @Test
    void anInvalidEditLeavesTheLastValidRevisionDeployedAndSaysWhy() throws IOException {
        Workflow workflow = manual("greeter", """
                - {name: greet, type: transform, transform: {output: {greeting: "hello"}}}
                """);
        client.resource(workflow).create();
        String first = Admitted.revision(workflow);
        Eventually.within(TIMEOUT, () -> assertThat(projectedRevision("greeter")).contains(first));

        Edits.edit(client.resources(Workflow.class).inNamespace(NS).withName("greeter"), w -> {
            w.getSpec().steps.get(0).needs = List.of("greet");
            return w;
        });
        Eventually.within(TIMEOUT, () -> {
            Workflow current = client.resources(Workflow.class).inNamespace(NS).withName("greeter").get();
            assertThat(current.getStatus().observedGeneration).isEqualTo(current.getMetadata().getGeneration());
            assertThat(condition(Workflow.class, NS, "greeter", "Valid").status.name()).isEqualTo("False");
            assertThat(current.getStatus().validationErrors).extracting(e -> e.field).contains("spec.steps[0].needs[0]");
            Condition deployed = condition(Workflow.class, NS, "greeter", "Deployed");
            assertThat(deployed.reason).isEqualTo("PreviousRevision");
            assertThat(deployed.message).contains(first);
            assertThat(current.getStatus().revision).isEqualTo(first);
        });
        assertThat(projectedRevision("greeter")).contains(first);

        Workflow fixed = Edits.edit(client.resources(Workflow.class).inNamespace(NS).withName("greeter"), w -> {
            w.getSpec().steps.get(0).needs = null;
            w.getSpec().steps.get(0).transform.output = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                    .objectNode().put("greeting", "hi");
            return w;
        });
        String second = Admitted.revision(fixed);
        assertThat(second).isNotEqualTo(first);
        Eventually.within(TIMEOUT, () -> {
            assertThat(projectedRevision("greeter")).contains(second);
            assertThat(condition(Workflow.class, NS, "greeter", "Deployed").reason).isEqualTo("Projected");
        });
    }

    @Test
    void badInputGetsAPreciseConditionAndNeverReachesTheRuntime() throws IOException {
        // an Integration whose Secret lacks the key it names
        secret("slack-bot", "token");
        client.resource(example("integration-slack.yaml", Integration.class)).create();
        client.resource(manual("notify", """
                - {name: tell, type: integration, integration: {integrationRef: slack, action: postMessage,
                   params: {text: hi}}}
                """)).create();
        // a step calling an Integration that does not exist
        client.resource(manual("unknown", """
                - {name: push, type: integration, integration: {integrationRef: salesforce, action: upsert}}
                """)).create();
        // steps that need each other
        client.resource(manual("cyclic", """
                - {name: a, type: delay, needs: [b], delay: {duration: 1s}}
                - {name: b, type: delay, needs: [a], delay: {duration: 1s}}
                """)).create();
        // a Workflow outside any tenant's namespace
        client.resource(Serialization.unmarshal("""
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: stray, namespace: default}
                spec:
                  trigger: {manual: {}}
                  steps:
                    - {name: a, type: delay, delay: {duration: 1s}}
                """, Workflow.class)).create();
        // and one good workflow, to know the projection ran
        client.resource(manual("fine", """
                - {name: a, type: delay, delay: {duration: 1s}}
                """)).create();

        Eventually.within(TIMEOUT, () -> {
            Condition secret = condition(Integration.class, NS, "slack", "SecretReady");
            assertThat(secret.status.name()).isEqualTo("False");
            assertThat(secret.message).contains("Secret slack-bot lacks key(s) bot-token (token)");
            assertThat(condition(Workflow.class, NS, "notify", "Valid").message)
                    .contains("spec.steps[0].integration.integrationRef: integration slack is not ready")
                    .contains("lacks key(s) bot-token");
            assertThat(condition(Workflow.class, NS, "unknown", "Valid").message)
                    .contains("spec.steps[0].integration.integrationRef: no Integration named \"salesforce\"");
            assertThat(condition(Workflow.class, NS, "cyclic", "Valid").message).contains("spec.steps[0].needs[0]");
            assertThat(condition(Workflow.class, "default", "stray", "Ready").reason).isEqualTo("NotInTenantNamespace");
            for (String bad : List.of("notify", "unknown", "cyclic")) {
                assertThat(condition(Workflow.class, NS, bad, "Deployed").reason).isEqualTo("InvalidSpec");
            }
            assertThat(projected(NS).keySet()).containsExactly("workflow.fine.yaml");
        });
        assertThat(projected("default")).isEmpty();
        Deployment runtime = client.apps().deployments().inNamespace(NS).withName("flowstack-runtime").get();
        assertThat(runtime.getSpec().getTemplate().getSpec().getVolumes()).extracting(Volume::getName)
                .doesNotContain("credentials");

        // the key arrives: the Integration and then the workflow go through
        secret("slack-bot", "token", "bot-token");
        Eventually.within(Duration.ofSeconds(60), () -> assertThat(projected(NS).keySet())
                .contains("integration.slack.yaml", "workflow.notify.yaml"));
    }

    @Test
    void twoHundredWorkflowsAreProjectedWithinTheLimitsAndASteadyStateWritesNothing() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            client.resource(manual(String.format("flow-%03d", i), """
                    - {name: fetch, type: http, http: {url: "https://api.example.com/items/%d", method: GET}}
                    - {name: shape, type: transform, transform: {output: {item: "${{ steps.fetch.output.body }}",
                       n: %d}}}
                    """.formatted(i, i))).create();
        }
        Eventually.within(Duration.ofSeconds(90), () -> {
            Map<String, String> projected = projected(NS);
            assertThat(projected).hasSize(200);
            assertThat(client.resources(Workflow.class).inNamespace(NS).list().getItems())
                    .allSatisfy(w -> assertThat(Conditions.find(w.getStatus() == null ? null : w.getStatus().conditions,
                            "Deployed").map(c -> c.reason)).contains("Projected"));
        });
        for (ConfigMap shard : client.configMaps().inNamespace(NS).withLabel(DefinitionShards.LABEL, "true").list()
                .getItems()) {
            int bytes = shard.getData().entrySet().stream()
                    .mapToInt(e -> e.getKey().length() + e.getValue().getBytes(StandardCharsets.UTF_8).length).sum();
            assertThat(bytes).isLessThanOrEqualTo(DefinitionShards.SHARD_BYTES);
        }
        workloads.close();
        awaitQuiet();
        long before = cluster.writes();
        Map<String, Long> byResource = cluster.dispatcher().writesByResource();
        // touch every workflow (labels: no new generation, no reconcile of their own) and the tenant without changing a
        // spec; the tenant's change reconciles it and, through the Workflow controller's Tenant informer, every
        // workflow of its namespace: all of them are counted before the writes are
        List<String> names = client.resources(Workflow.class).inNamespace(NS).list().getItems().stream()
                .map(w -> w.getMetadata().getName()).toList();
        names.forEach(name -> Edits.edit(client.resources(Workflow.class).inNamespace(NS).withName(name), w -> {
            w.getMetadata().setLabels(Map.of("touched", "yes"));
            return w;
        }));
        Runnable touchTenant = () -> client.resources(io.flowstack.crds.v1alpha1.tenant.Tenant.class).withName("acme")
                .edit(t -> {
                    t.getMetadata().getLabels().put("touched", "yes");
                    return t;
                });
        stack.operator().awaitReconciled(Duration.ofSeconds(60), () -> stack.operator().awaitReconciled(
                Duration.ofSeconds(60), touchTenant, io.flowstack.crds.v1alpha1.tenant.Tenant.class, null,
                List.of("acme")), Workflow.class, NS, names);
        assertThat(cluster.writes() - before).as("writes besides the 201 touches; before: %s, after: %s", byResource,
                cluster.dispatcher().writesByResource()).isEqualTo(201);
        assertThat(cluster.dispatcher().mirrorMismatches()).isEmpty();
        assertThat(cluster.dispatcher().indexMismatches()).isEmpty();
    }
}
