package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Tenants whose stack is settled: the last run of the dependents' workflow succeeded from the {@link StackSources}
 * the Tenant still has, and each object of the stack is still as that run left it. Such a reconcile has nothing to
 * apply (the same sources make the same desired objects, and no object changed since they were applied), so it skips
 * the workflow and only reads readiness for the status; most reconciles of a running stack are of that kind: a
 * StatefulSet or Deployment becoming ready, a PodDisruptionBudget's count, a status write paced for later.
 *
 * <p>"As the run left it" is judged from the informers' caches, which hold the operator's own writes as soon as they
 * return: an object is unchanged when its resource version is, except the kinds whose status other controllers write
 * ({@link TenantDependentKey#statusByOthers()}), which are unchanged when their uid, generation (which the API server
 * raises on every change of spec), labels, annotations, owners and deletion mark are. An object deleted, recreated or
 * edited anywhere the operator applies, a changed Tenant, database or definition: the workflow runs, as it always did.
 * Kept in memory only: after a restart every Tenant runs its workflow once.
 */
public final class SettledStacks {
    private static final List<TenantDependentKey> OBJECTS = Arrays.stream(TenantDependentKey.values())
            .filter(key -> key != TenantDependentKey.DEFINITIONS).toList();

    private final Map<ResourceID, Settled> settled = new ConcurrentHashMap<>();

    private record Settled(StackSources sources, List<Object> objects) {
    }

    /** How an object that others write the status of is compared: everything the operator's apply can change. */
    private record Applied(String uid, Long generation, Map<String, String> labels, Map<String, String> annotations,
                           List<OwnerReference> owners, String deletion) {
    }

    /**
     * The run of the workflow this reconcile needs, or none when the Tenant's stack is settled: made from these sources
     * and unchanged since. The run starts from the objects as they are now, before the workflow reads them: an object
     * changed after that point is a change the next reconcile sees.
     */
    public Optional<Run> start(Tenant tenant, StackSources sources, Context<Tenant> context) {
        ResourceID id = ResourceID.fromResource(tenant);
        List<Object> objects = objects(tenant, context);
        Settled last = settled.get(id);
        if (last != null && last.sources().equals(sources) && last.objects().equals(objects)) {
            return Optional.empty();
        }
        settled.remove(id);
        Run run = new Run(id, sources, objects);
        context.managedWorkflowAndDependentResourceContext().put(Run.class.getName(), run);
        return Optional.of(run);
    }

    /** The next reconcile of this Tenant runs its workflow (a problem, the Tenant deleted). */
    public void forget(Tenant tenant) {
        settled.remove(ResourceID.fromResource(tenant));
    }

    /** A dependent of this reconcile's run has written its object: the object as the API server returned it. */
    static void written(Context<Tenant> context, TenantDependentKey key, HasMetadata object) {
        context.managedWorkflowAndDependentResourceContext().get(Run.class.getName(), Run.class)
                .ifPresent(run -> run.written.put(key, token(key, object)));
    }

    /** One run of a Tenant's workflow: the objects before it, and those its dependents wrote. */
    public final class Run {
        private final ResourceID tenant;
        private final StackSources sources;
        private final List<Object> before;
        private final Map<TenantDependentKey, Object> written = new ConcurrentHashMap<>();

        private Run(ResourceID tenant, StackSources sources, List<Object> before) {
            this.tenant = tenant;
            this.sources = sources;
            this.before = before;
        }

        /** The workflow ran without an error: the stack is settled on what it wrote and what it found unchanged. */
        public void settle() {
            List<Object> objects = new ArrayList<>(before);
            for (int i = 0; i < OBJECTS.size(); i++) {
                Object wrote = written.get(OBJECTS.get(i));
                if (wrote != null) {
                    objects.set(i, wrote);
                }
            }
            settled.put(tenant, new Settled(sources, objects));
        }
    }

    private static List<Object> objects(Tenant tenant, Context<Tenant> context) {
        String namespace = tenant.targetNamespace();
        List<Object> objects = new ArrayList<>(OBJECTS.size());
        for (TenantDependentKey key : OBJECTS) {
            ResourceID id = key.objectName() == null ? new ResourceID(namespace)
                    : new ResourceID(key.objectName(), namespace);
            objects.add(Secondaries.find(context, key.type(), key.informer(), id).map(object -> token(key, object))
                    .orElse(null));
        }
        return objects;
    }

    private static Object token(TenantDependentKey key, HasMetadata object) {
        ObjectMeta metadata = object.getMetadata();
        if (!key.statusByOthers()) {
            return metadata.getResourceVersion();
        }
        return new Applied(metadata.getUid(), metadata.getGeneration(), metadata.getLabels(), metadata.getAnnotations(),
                metadata.getOwnerReferences(), metadata.getDeletionTimestamp());
    }
}
