package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.flowstack.contract.SecretKeys;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.StackNames;
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
 * (A ResourceQuota has no generation: its spec itself is compared.)
 *
 * <p>What is settled is kept in memory and, as a {@link StackFingerprint}, in the Tenant's status
 * ({@link #fingerprint}): a restarted operator (a new leader, a rolled pod) that computes the same fingerprint from
 * its caches and finds the database Secret holding the password the sources give takes the stack as settled too,
 * instead of running every Tenant's workflow once. Another build or other settings make other fingerprints: after an
 * upgrade every Tenant runs its workflow once, and its status records the new fingerprint.
 *
 * <p>The status takes a new fingerprint when it has none, when its own was made by another build or settings, or when
 * the run wrote an object of the stack (a drift put right): a run that wrote none of them (a Tenant label no object
 * carries, a definition changed) leaves the recorded one, so that it costs no status write. A fingerprint left so is
 * stale, never wrong: it stands for sources and objects that were settled; a restart that finds them changed runs
 * the workflow once.
 */
public final class SettledStacks {
    private static final List<TenantDependentKey> OBJECTS = Arrays.stream(TenantDependentKey.values())
            .filter(key -> key != TenantDependentKey.DEFINITIONS).toList();

    private final Map<ResourceID, Settled> settled = new ConcurrentHashMap<>();
    private final StackFingerprint fingerprints;

    /** @param operator what of the operator shapes the desired objects: its build and settings */
    public SettledStacks(String operator) {
        this.fingerprints = new StackFingerprint(operator);
    }

    /** A settled stack: what it was made from, its objects' tokens, and the fingerprint its status is to have. */
    private record Settled(StackSources sources, List<Object> objects, String forStatus) {
    }

    /**
     * How an object that others write the status of is compared: everything the operator's apply can change; the
     * spec too for a kind whose generation the API server does not keep.
     */
    record Applied(String uid, Long generation, Map<String, String> labels, Map<String, String> annotations,
                   List<OwnerReference> owners, String deletion, Object spec) {
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
        if (last != null ? last.sources().equals(sources) && last.objects().equals(objects)
                : restored(tenant, sources, objects, context)) {
            return Optional.empty();
        }
        settled.remove(id);
        Run run = new Run(id, sources, objects, tenant.getStatus() == null ? null : tenant.getStatus().stackFingerprint);
        context.managedWorkflowAndDependentResourceContext().put(Run.class.getName(), run);
        return Optional.of(run);
    }

    /**
     * A stack this process has not settled is settled when the Tenant's status has the fingerprint of these sources
     * and objects, and the database Secret (one of the objects, so unchanged since) holds the password they give.
     */
    private boolean restored(Tenant tenant, StackSources sources, List<Object> objects, Context<Tenant> context) {
        String recorded = tenant.getStatus() == null ? null : tenant.getStatus().stackFingerprint;
        if (recorded == null || !recorded.equals(fingerprints.of(sources, objects))
                || !passwordApplied(tenant, sources, context)) {
            return false;
        }
        settled.put(ResourceID.fromResource(tenant), new Settled(sources, objects, recorded));
        return true;
    }

    private static boolean passwordApplied(Tenant tenant, StackSources sources, Context<Tenant> context) {
        if (sources.databasePassword().isEmpty()) {
            return true;   // the Secret keeps the password it has
        }
        return Secondaries.find(context, Secret.class, TenantDependentKey.DATABASE_SECRET.informer(),
                        new ResourceID(StackNames.DATABASE_SECRET, tenant.targetNamespace()))
                .map(Secret::getData).map(data -> data.get(SecretKeys.DB_PASSWORD))
                .filter(sources.databasePassword().get()::equals).isPresent();
    }

    /** The fingerprint of the Tenant's stack when it is settled, for its status; none while it is not. */
    public Optional<String> fingerprint(Tenant tenant) {
        return Optional.ofNullable(settled.get(ResourceID.fromResource(tenant))).map(Settled::forStatus);
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
        private final String recorded;
        private final Map<TenantDependentKey, Object> written = new ConcurrentHashMap<>();

        private Run(ResourceID tenant, StackSources sources, List<Object> before, String recorded) {
            this.tenant = tenant;
            this.sources = sources;
            this.before = before;
            this.recorded = recorded;
        }

        /**
         * The workflow ran without an error: the stack is settled on what it wrote and what it found unchanged; its
         * fingerprint for the status is the new one, or the recorded one if the run wrote none of the objects.
         */
        public void settle() {
            List<Object> objects = new ArrayList<>(before);
            boolean wrote = false;
            for (int i = 0; i < OBJECTS.size(); i++) {
                Object token = written.get(OBJECTS.get(i));
                if (token != null) {
                    objects.set(i, token);
                    wrote = true;
                }
            }
            String fingerprint = fingerprints.of(sources, objects);
            settled.put(tenant, new Settled(sources, objects,
                    wrote || !fingerprints.madeHere(recorded) ? fingerprint : recorded));
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
                metadata.getOwnerReferences(), metadata.getDeletionTimestamp(),
                object instanceof ResourceQuota quota ? quota.getSpec() : null);
    }
}
