package io.flowstack.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flowstack.crds.v1alpha1.common.Condition;
import io.flowstack.crds.v1alpha1.common.ConditionStatus;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.tenant.TenantStatus;
import io.flowstack.operator.common.ClientSerialization;
import io.flowstack.operator.common.FieldSetInterner;
import io.flowstack.operator.common.OperatorSettings;
import io.flowstack.operator.common.RequestBodies;
import io.flowstack.operator.tenant.desired.SecretValues;
import io.flowstack.operator.testing.Examples;
import io.flowstack.operator.testing.OfflineStacks;
import io.flowstack.operator.testing.TestingCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writing a Tenant stack's request bodies, warm and on one thread: fabric8's serialization against
 * {@link RequestBodies}, and the SDK's copy of a Tenant with status (fabric8's clone) against
 * {@link ClientSerialization}'s; and what the operator's informers do to each object they cache, interning its
 * managedFields' field sets ({@link FieldSetInterner}). The variants alternate within each round; the first round is
 * warm-up.
 * The argument is the seconds each variant runs per round.
 */
public final class BodyBench {
    private BodyBench() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Math.min(Double.parseDouble(args[0]), 2) : 2;
        KubernetesSerialization fabric8 = new KubernetesSerialization();
        ClientSerialization copies = new ClientSerialization();
        Tenant tenant = Examples.tenant("acme.yaml");
        tenant.getMetadata().setUid("5f0c7e52-6f2e-4a51-9d0c-7f5d0e2a1b3c");
        tenant.getMetadata().setResourceVersion("4711");
        tenant.getMetadata().setFinalizers(List.of("tenants.flowstack.io/finalizer"));
        List<HasMetadata> stack = OfflineStacks.objects(tenant, SecretValues.secure());
        for (HasMetadata object : stack) {
            if (!RequestBodies.json(fabric8, object).equals(fabric8.asJson(object))) {
                throw new IllegalStateException("different JSON for " + object.getKind());
            }
        }
        Tenant withStatus = fabric8.clone(tenant);
        TenantStatus status = new TenantStatus();
        for (String type : List.of("Ready", "Degraded", "DatabaseReady", "RuntimeReady", "MonitoringReady")) {
            Condition condition = new Condition(type, ConditionStatus.True, "StackReady", "every part is ready");
            condition.lastTransitionTime = "2026-12-04T15:00:00Z";
            status.conditions.add(condition);
        }
        status.observedGeneration = 1L;
        status.namespace = tenant.targetNamespace();
        withStatus.setStatus(status);
        if (!fabric8.asJson(copies.clone(withStatus)).equals(fabric8.asJson(withStatus))) {
            throw new IllegalStateException("a different copy of the Tenant");
        }
        List<Interning> cached = cachedObjects(stack);
        FieldSetInterner interner = new FieldSetInterner();
        System.out.printf("%d objects of acme's stack; µs per object (bodies, interning) and per Tenant (copies)%n",
                stack.size());
        for (int round = 0; round <= 5; round++) {
            double viaFabric8 = perCall(seconds, stack, fabric8::asJson);
            double direct = perCall(seconds, stack, o -> RequestBodies.json(fabric8, o));
            double clone = perCall(seconds, List.of(withStatus), fabric8::clone);
            double copy = perCall(seconds, List.of(withStatus), copies::clone);
            double intern = perCall(seconds, cached, c -> c.internWith(interner));
            System.out.printf("%s body: fabric8 %.2f, RequestBodies %.2f (%.2fx); Tenant copy: fabric8 clone %.2f,"
                            + " ClientSerialization %.2f (%.2fx); interning a cached object's field sets %.2f"
                            + " (%.2f of its body)%n", round == 0 ? "warm-up" : "round " + round,
                    viaFabric8, direct, viaFabric8 / direct, clone, copy, clone / copy, intern, intern / direct);
        }
    }

    /**
     * The stack's objects as an informer receives them: applied by the operator's field manager through the tests'
     * server-side-apply double, which writes their managedFields as the API server does, and read back.
     */
    private static List<Interning> cachedObjects(List<HasMetadata> stack) {
        try (TestingCluster cluster = new TestingCluster()) {
            KubernetesClient client = cluster.client();
            List<Interning> cached = new ArrayList<>();
            for (HasMetadata object : stack) {
                HasMetadata applied = client.resource(object).fieldManager(OperatorSettings.FIELD_MANAGER)
                        .forceConflicts().serverSideApply();
                cached.add(new Interning(applied));
            }
            return cached;
        }
    }

    /** An object whose field sets are put back as they were read before each interning (the interner copies them). */
    private record Interning(HasMetadata object, List<Map<String, Object>> fieldSets) {
        Interning(HasMetadata object) {
            this(object, object.getMetadata().getManagedFields().stream()
                    .map(entry -> entry.getFieldsV1().getAdditionalProperties()).toList());
        }

        Object internWith(FieldSetInterner interner) {
            List<ManagedFieldsEntry> entries = object.getMetadata().getManagedFields();
            for (int i = 0; i < entries.size(); i++) {
                entries.get(i).getFieldsV1().setAdditionalProperties(fieldSets.get(i));
            }
            return interner.intern(object).getMetadata().getManagedFields().size();
        }
    }

    private static <T> double perCall(double seconds, List<T> inputs, Function<T, Object> call) {
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long calls = 0;
        int sink = 0;
        while (System.nanoTime() < deadline) {
            for (T input : inputs) {
                sink += call.apply(input).hashCode() & 1;
                calls++;
            }
        }
        if (sink < 0) {
            throw new AssertionError();
        }
        return (System.nanoTime() - start) / 1e3 / calls;
    }
}
