package io.flowstack.operator.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What kube-controller-manager's garbage collector and namespace controller do, run by a test when it wants them
 * (the mock has no controllers): objects all of whose owners are gone are deleted (background propagation), and
 * objects of a namespace that no longer exists go with it. Deletes go through the API, so informers see them.
 */
public final class GarbageCollector {
    /** The kinds a tenant's stack, its backups and its workloads are made of. */
    private static final List<Class<? extends HasMetadata>> NAMESPACED = List.of(
            io.fabric8.kubernetes.api.model.ResourceQuota.class, io.fabric8.kubernetes.api.model.LimitRange.class,
            io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class,
            io.fabric8.kubernetes.api.model.ServiceAccount.class, io.fabric8.kubernetes.api.model.rbac.RoleBinding.class,
            io.fabric8.kubernetes.api.model.rbac.Role.class, io.fabric8.kubernetes.api.model.Secret.class,
            io.fabric8.kubernetes.api.model.ConfigMap.class, io.fabric8.kubernetes.api.model.Service.class,
            io.fabric8.kubernetes.api.model.apps.StatefulSet.class, io.fabric8.kubernetes.api.model.apps.Deployment.class,
            io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class,
            io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class, io.fabric8.kubernetes.api.model.Pod.class,
            io.fabric8.kubernetes.api.model.batch.v1.CronJob.class, io.fabric8.kubernetes.api.model.batch.v1.Job.class);

    private GarbageCollector() {
    }

    /** Collects until nothing more goes (a deleted owner's dependents may own others); returns what was deleted. */
    public static List<String> collect(KubernetesClient client) {
        List<String> deleted = new ArrayList<>();
        List<String> pass;
        do {
            pass = onePass(client);
            deleted.addAll(pass);
        } while (!pass.isEmpty());
        return deleted;
    }

    private static List<String> onePass(KubernetesClient client) {
        Set<String> namespaces = client.namespaces().list().getItems().stream()
                .filter(n -> n.getMetadata().getDeletionTimestamp() == null)
                .map(n -> n.getMetadata().getName()).collect(Collectors.toSet());
        List<HasMetadata> objects = new ArrayList<>(client.namespaces().list().getItems());
        objects.addAll(client.resources(Tenant.class).list().getItems());
        for (Class<? extends HasMetadata> kind : NAMESPACED) {
            objects.addAll(client.resources(kind).inAnyNamespace().list().getItems());
        }
        Set<String> uids = new HashSet<>();
        objects.forEach(o -> uids.add(o.getMetadata().getUid()));
        List<String> deleted = new ArrayList<>();
        for (HasMetadata object : objects) {
            String namespace = object.getMetadata().getNamespace();
            boolean namespaceGone = namespace != null && !namespaces.contains(namespace);
            List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
            boolean ownersGone = owners != null && !owners.isEmpty()
                    && owners.stream().noneMatch(o -> uids.contains(o.getUid()));
            if ((namespaceGone || ownersGone) && object.getMetadata().getDeletionTimestamp() == null) {
                client.resource(object).delete();
                deleted.add(object.getKind() + "/" + (namespace == null ? "" : namespace + "/")
                        + object.getMetadata().getName());
            }
        }
        return deleted;
    }

    /** Whether a namespace is gone; convenience for tests that wait for a namespace's deletion. */
    public static boolean gone(KubernetesClient client, String namespace) {
        Namespace found = client.namespaces().withName(namespace).get();
        return found == null;
    }
}
