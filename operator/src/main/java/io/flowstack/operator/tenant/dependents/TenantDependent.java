package io.flowstack.operator.tenant.dependents;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.InterningItemStore;
import io.flowstack.operator.common.ObjectWrites;
import io.flowstack.operator.tenant.desired.StackInputs;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResourceConfig;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's object with a fixed name, built by a pure function of the Tenant and its {@link StackInputs}. Secondary
 * resources are found by that name, never by computing desired(), so several dependents of one type (two Secrets, two
 * Services) each find their own.
 */
abstract class TenantDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, Tenant>
        implements StackPart {
    private final TenantDependentKey key;
    private final String name;
    private final boolean clusterScoped;

    /** The dependent of {@code key}, whose object is of {@code type} (the key's kind, typed for the SDK). */
    TenantDependent(Class<R> type, TenantDependentKey key) {
        super(type);
        if (key.type() != type) {
            throw new IllegalArgumentException(key + " keeps a " + key.type().getSimpleName() + ", not a " + type);
        }
        this.key = key;
        this.name = key.objectName();
        this.clusterScoped = key.objectName() == null;
    }

    /** The object as the operator wants it. */
    abstract R build(Tenant tenant, StackInputs inputs);

    @Override
    protected R desired(Tenant tenant, Context<Tenant> context) {
        return build(tenant, LiveInputs.of(context));
    }

    @Override
    public List<HasMetadata> render(Tenant tenant, StackInputs inputs) {
        return List.of(build(tenant, inputs));
    }

    @Override
    protected ResourceID targetSecondaryResourceID(Tenant tenant, Context<Tenant> context) {
        return clusterScoped ? new ResourceID(tenant.targetNamespace())
                : new ResourceID(name, tenant.targetNamespace());
    }

    /**
     * The SDK's informer for this kind, except that a namespaced kind is watched only in the operator's namespaces
     * ({@link InformerScopes}): the annotation's label selector and namespaces, then the scope; its objects share
     * their field sets ({@link InterningItemStore}).
     */
    @Override
    protected InformerEventSource<R, Tenant> createEventSource(EventSourceContext<Tenant> context) {
        var builder = informerConfigurationBuilder(context)
                .withSecondaryToPrimaryMapper(getSecondaryToPrimaryMapper(context).orElseThrow())
                .withName(name());
        configuration().map(KubernetesDependentResourceConfig::informerConfig).ifPresent(builder::updateFrom);
        if (!clusterScoped) {
            builder.withNamespaces(InformerScopes.of(context).informerNamespaces());
        }
        builder.withItemStore(new InterningItemStore<>());
        var source = new InformerEventSource<>(builder.build(), context);
        setEventSource(source);
        return source;
    }

    /**
     * The SDK's create, sent by {@link ObjectWrites} rather than through the client's operation layer: by server-side
     * apply — create-only unless configured otherwise (resource version "1": an object that exists already is a 409,
     * which the SDK's next reconcile resolves from its cache) — or, for the kinds the SDK never applies (Secrets), by
     * POST; with the SDK's metadata either way.
     */
    @Override
    public R create(R desired, Tenant tenant, Context<Tenant> context) {
        boolean ssa = useSSA(context);
        if (ssa && configuration().map(KubernetesDependentResourceConfig::createResourceOnlyIfNotExistingWithSSA)
                .orElse(true)) {
            desired.getMetadata().setResourceVersion("1");
        }
        addMetadata(false, null, desired, tenant, context);
        return ssa ? apply(desired, context) : ObjectWrites.create(context.getClient(), desired, resourceType());
    }

    /** The SDK's update by server-side apply, with its metadata, sent by {@link ObjectWrites}. */
    @Override
    public R update(R actual, R desired, Tenant tenant, Context<Tenant> context) {
        if (!useSSA(context)) {
            return super.update(actual, desired, tenant, context);
        }
        addMetadata(false, actual, desired, tenant, context);
        return apply(desired, context);
    }

    /** Applies {@code desired} with the controller's field manager, forcing conflicts, as the SDK does. */
    final R apply(R desired, Context<Tenant> context) {
        return ObjectWrites.apply(context.getClient(), desired, resourceType(),
                context.getControllerConfiguration().fieldManager());
    }

    @Override
    protected void onCreated(Tenant tenant, R created, Context<Tenant> context) {
        super.onCreated(tenant, created, context);
        SettledStacks.written(context, key, created);
    }

    @Override
    protected void onUpdated(Tenant tenant, R updated, R actual, Context<Tenant> context) {
        super.onUpdated(tenant, updated, actual, context);
        SettledStacks.written(context, key, updated);
    }

    /** This dependent's object, straight from its informer's cache by name (see {@link Secondaries}). */
    @Override
    public Optional<R> getSecondaryResource(Tenant tenant, Context<Tenant> context) {
        return eventSource().map(source -> source.get(targetSecondaryResourceID(tenant, context)))
                .orElseGet(() -> super.getSecondaryResource(tenant, context));
    }
}
