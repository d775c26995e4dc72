package io.flowstack.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.Conditions;
import io.flowstack.operator.common.Labels;
import io.flowstack.operator.testing.Edits;
import io.flowstack.operator.testing.Eventually;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.testing.TestingCluster;
import io.flowstack.operator.testing.TestingOperator;
import io.flowstack.operator.testing.TestingWorkloads;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deleting or editing any object the operator owns is put right by the next reconcile: one case per kind. A reconcile
 * that has nothing to apply (the Tenant's stack is settled: same sources, objects as the last run left them) skips the
 * dependents, and no change where the operator applies is taken for one: the metric
 * {@code flowstack_tenant_stack_reconciles_total{result}} tells the two apart.
 */
class TenantDriftTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String NS = "tenant-acme";
    private static TestingCluster cluster;
    private static KubernetesClient client;
    private static TestingOperator operator;
    private static TestingWorkloads workloads;

    @BeforeAll
    static void start() {
        cluster = new TestingCluster();
        client = cluster.client();
        operator = new TestingOperator(client).start();
        workloads = new TestingWorkloads(client).start();
        client.resource(Examples.tenant("acme.yaml")).create();
        Eventually.within(TIMEOUT, () -> assertThat(Conditions.isTrue(
                client.resources(Tenant.class).withName("acme").get().getStatus().conditions, "Ready")).isTrue());
    }

    @AfterAll
    static void stop() {
        workloads.close();
        operator.close();
        cluster.close();
    }

    record Drift<R extends HasMetadata>(String kind, Function<KubernetesClient, Resource<R>> resource,
                                        Consumer<R> edit, Predicate<R> restored) {
        @Override
        public String toString() {
            return kind + (edit == null ? " deleted" : " edited");
        }
    }

    static <R extends HasMetadata> Arguments deleted(String kind, Function<KubernetesClient, Resource<R>> resource) {
        return Arguments.of(new Drift<>(kind, resource, null, r -> true));
    }

    static <R extends HasMetadata> Arguments edited(String kind, Function<KubernetesClient, Resource<R>> resource,
                                                    Consumer<R> edit, Predicate<R> restored) {
        return Arguments.of(new Drift<>(kind, resource, edit, restored));
    }

    static Stream<Arguments> drifts() {
        return Stream.of(
                edited("Namespace", c -> c.namespaces().withName(NS),
                        n -> n.getMetadata().getLabels().put("pod-security.kubernetes.io/enforce", "privileged"),
                        n -> "restricted".equals(n.getMetadata().getLabels().get("pod-security.kubernetes.io/enforce"))),
                edited("ResourceQuota", c -> c.resourceQuotas().inNamespace(NS).withName("flowstack-quota"),
                        q -> q.getSpec().getHard().put("requests.cpu", new Quantity("400")),
                        q -> new Quantity("4").equals(q.getSpec().getHard().get("requests.cpu"))),
                deleted("LimitRange", c -> c.limitRanges().inNamespace(NS).withName("flowstack-limits")),
                edited("NetworkPolicy", c -> c.network().v1().networkPolicies().inNamespace(NS).withName("flowstack-isolation"),
                        p -> p.getSpec().setIngress(java.util.List.of()),
                        p -> p.getSpec().getIngress().size() == 1),
                deleted("ServiceAccount", c -> c.serviceAccounts().inNamespace(NS).withName("flowstack-runtime")),
                edited("RoleBinding", c -> c.rbac().roleBindings().inNamespace(NS).withName("flowstack-owners"),
                        b -> b.getSubjects().remove(0),
                        b -> b.getSubjects().size() == 2),
                deleted("Secret", c -> c.secrets().inNamespace(NS).withName("flowstack-keys")),
                deleted("Service", c -> c.services().inNamespace(NS).withName("flowstack-runtime")),
                edited("StatefulSet", c -> c.apps().statefulSets().inNamespace(NS).withName("flowstack-postgres"),
                        s -> s.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("postgres:9.6"),
                        s -> s.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().endsWith(":17")),
                edited("Deployment", c -> c.apps().deployments().inNamespace(NS).withName("flowstack-runtime"),
                        d -> d.getSpec().setReplicas(7),
                        d -> d.getSpec().getReplicas() == 2),
                deleted("PodDisruptionBudget", c -> c.policy().v1().podDisruptionBudget().inNamespace(NS)
                        .withName("flowstack-runtime")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("drifts")
    <R extends HasMetadata> void nextReconcilePutsItRight(Drift<R> drift) {
        Resource<R> resource = drift.resource().apply(client);
        assertThat(resource.get()).as("%s exists before the drift", drift.kind()).isNotNull();
        if (drift.edit() == null) {
            resource.delete();
            Eventually.within(TIMEOUT, () -> assertThat(resource.get()).as("%s recreated", drift.kind()).isNotNull());
        } else {
            Edits.edit(resource, r -> {
                drift.edit().accept(r);
                return r;
            });
            Eventually.within(TIMEOUT, () -> assertThat(drift.restored().test(resource.get()))
                    .as("%s restored: %s", drift.kind(), resource.get()).isTrue());
        }
        // the test double's by-key mirror of the store stays exact through edits and deletes
        Eventually.within(TIMEOUT, () -> assertThat(cluster.dispatcher().mirrorMismatches()).isEmpty());
        assertThat(cluster.dispatcher().indexMismatches()).isEmpty();
    }

    /** Every object of the stack, by kind, to check what other tools add to them. */
    static Stream<Function<KubernetesClient, Resource<? extends HasMetadata>>> stackObjects() {
        return Stream.of(c -> c.namespaces().withName(NS),
                c -> c.resourceQuotas().inNamespace(NS).withName("flowstack-quota"),
                c -> c.limitRanges().inNamespace(NS).withName("flowstack-limits"),
                c -> c.network().v1().networkPolicies().inNamespace(NS).withName("flowstack-isolation"),
                c -> c.serviceAccounts().inNamespace(NS).withName("flowstack-runtime"),
                c -> c.rbac().roleBindings().inNamespace(NS).withName("flowstack-owners"),
                c -> c.secrets().inNamespace(NS).withName("flowstack-keys"),
                c -> c.services().inNamespace(NS).withName("flowstack-runtime"),
                c -> c.apps().statefulSets().inNamespace(NS).withName("flowstack-postgres"),
                c -> c.apps().deployments().inNamespace(NS).withName("flowstack-runtime"),
                c -> c.policy().v1().podDisruptionBudget().inNamespace(NS).withName("flowstack-runtime"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void annotationsOtherToolsAddSurviveReconcilesAndDriftRepair() {
        // another tool annotates every object of the stack (a non-apply write: an Update entry of its own)
        stackObjects().forEach(object -> Edits.edit((Resource<HasMetadata>) object.apply(client), r -> {
            if (r.getMetadata().getAnnotations() == null) {
                r.getMetadata().setAnnotations(new java.util.HashMap<>());
            }
            r.getMetadata().getAnnotations().put("other-tool.example/note", "kept");
            return r;
        }));
        // a drift the operator repairs, and a reconcile of the Tenant
        Resource<io.fabric8.kubernetes.api.model.apps.Deployment> runtime = client.apps().deployments().inNamespace(NS)
                .withName("flowstack-runtime");
        Edits.edit(runtime, d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("example/other:1");
            return d;
        });
        Eventually.within(TIMEOUT, () -> assertThat(runtime.get().getSpec().getTemplate().getSpec().getContainers()
                .get(0).getImage()).as("repaired").doesNotContain("example/other"));
        operator.awaitReconciled(TIMEOUT, () -> Edits.edit(client.resources(Tenant.class).withName("acme"), t -> {
            t.getMetadata().getLabels().put("touched", "annotations");
            return t;
        }), Tenant.class, null, java.util.List.of("acme"));

        stackObjects().forEach(object -> assertThat(object.apply(client).get().getMetadata().getAnnotations())
                .as("%s", object.apply(client).get().getKind()).containsEntry("other-tool.example/note", "kept"));
    }

    private static double stackReconciles(String result) {
        return operator.registry().counter(TenantMetrics.STACK_RECONCILES, "result", result).count();
    }

    private static Resource<Deployment> runtime() {
        return client.apps().deployments().inNamespace(NS).withName("flowstack-runtime");
    }

    @Test
    void aStatusWrittenByTheDeploymentsControllerIsReconciledWithNothingApplied() {
        Eventually.within(TIMEOUT, () -> assertThat(stackReconciles("settled")).isPositive());
        double applied = stackReconciles("applied");
        double settled = stackReconciles("settled");
        String version = runtime().get().getMetadata().getResourceVersion();
        // the Deployment's controller reports a replica lost (the testing workloads report it back a moment later)
        operator.awaitReconciled(TIMEOUT, () -> runtime().editStatus(d -> {
            d.setStatus(new DeploymentStatusBuilder(d.getStatus()).withReadyReplicas(1).withAvailableReplicas(1)
                    .build());
            return d;
        }), Tenant.class, null, List.of("acme"));

        assertThat(stackReconciles("settled")).as("reconciles that found the stack settled").isGreaterThan(settled);
        assertThat(stackReconciles("applied")).as("reconciles that ran the dependents").isEqualTo(applied);
        assertThat(runtime().get().getMetadata().getResourceVersion()).as("the status was written").isNotEqualTo(version);
    }

    @Test
    void aLabelEditedOnTheDeploymentIsPutRightThoughItsGenerationStaysTheSame() {
        Long generation = runtime().get().getMetadata().getGeneration();
        double applied = stackReconciles("applied");
        // metadata is no spec: the API server keeps the generation, only the labels and the field owners change
        Edits.edit(runtime(), d -> {
            d.getMetadata().getLabels().put(Labels.COMPONENT, "tampered");
            return d;
        });
        assertThat(runtime().get().getMetadata().getGeneration()).isEqualTo(generation);

        Eventually.within(TIMEOUT, () -> assertThat(runtime().get().getMetadata().getLabels())
                .containsEntry(Labels.COMPONENT, Labels.COMPONENT_RUNTIME));
        assertThat(stackReconciles("applied")).as("reconciles that ran the dependents").isGreaterThan(applied);
    }

    @Test
    void aChangedTenantRunsTheDependents() {
        double applied = stackReconciles("applied");
        operator.awaitReconciled(TIMEOUT, () -> Edits.edit(client.resources(Tenant.class).withName("acme"), t -> {
            t.getMetadata().getAnnotations().put("example.com/note", "a new annotation: new sources");
            return t;
        }), Tenant.class, null, List.of("acme"));

        assertThat(stackReconciles("applied")).isGreaterThan(applied);
    }
}
