package io.flowstack.operator.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** What exists in a cluster for one tenant: every object carrying its flowstack.io/tenant label, as "Kind/name". */
public final class StackInventory {
    private StackInventory() {
    }

    public static Set<String> of(KubernetesClient client, String tenant) {
        String label = "flowstack.io/tenant";
        List<HasMetadata> objects = new ArrayList<>();
        objects.addAll(client.namespaces().withLabel(label, tenant).list().getItems());
        Stream.of(
                client.resourceQuotas().inAnyNamespace().withLabel(label, tenant).list().getItems(),
                client.limitRanges().inAnyNamespace().withLabel(label, tenant).list().getItems(),
                client.network().v1().networkPolicies().inAnyNamespace().withLabel(label, tenant).list().getItems(),
                client.serviceAccounts().inAnyNamespace().withLabel(label, tenant).list().getItems(),
                client.rbac().roleBindings().inAnyNamespace().withLabel(label, tenant).list().getItems(),
                client.secrets().inAnyNamespace().withLabel(label, tenant).list().getItems(),
                client.services().inAnyNamespace().withLabel(label, tenant).list().getItems(),
                client.apps().statefulSets().inAnyNamespace().withLabel(label, tenant).list().getItems(),
                client.apps().deployments().inAnyNamespace().withLabel(label, tenant).list().getItems(),
                client.policy().v1().podDisruptionBudget().inAnyNamespace().withLabel(label, tenant).list().getItems())
                .forEach(objects::addAll);
        return names(objects);
    }

    public static Set<String> names(List<? extends HasMetadata> objects) {
        Set<String> names = new TreeSet<>();
        objects.forEach(o -> names.add(o.getKind() + "/" + o.getMetadata().getName()));
        return names;
    }
}
