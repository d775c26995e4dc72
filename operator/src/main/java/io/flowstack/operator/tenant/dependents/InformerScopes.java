package io.flowstack.operator.tenant.dependents;

import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.common.WatchedNamespaces;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The namespaces a Tenant controller's informers watch, handed from its reconciler to its dependents. Tenants are
 * cluster-scoped, so the controller itself watches every Tenant; the informers of the namespaced objects of their
 * stacks must watch only the operator's namespaces (with watchNamespaces its Roles allow nothing else). The SDK builds
 * the reconciler's event sources and then the dependents' with the same context, so the reconciler declares the scope
 * on that context first (kept weakly: a stopped controller's context is forgotten with it).
 */
public final class InformerScopes {
    private static final Map<EventSourceContext<?>, WatchedNamespaces> SCOPES =
            Collections.synchronizedMap(new WeakHashMap<>());

    private InformerScopes() {
    }

    public static void declare(EventSourceContext<Tenant> context, WatchedNamespaces watched) {
        SCOPES.put(context, watched);
    }

    static WatchedNamespaces of(EventSourceContext<Tenant> context) {
        return SCOPES.getOrDefault(context, WatchedNamespaces.all());
    }
}
