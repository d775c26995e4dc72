package io.flowstack.operator.tenant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.operator.tenant.dependents.StackPart;
import io.flowstack.operator.tenant.dependents.TenantCondition;
import io.flowstack.operator.tenant.desired.StackInputs;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the operator creates for one Tenant, in the order {@link TenantReconciler}'s {@code @Workflow} declares
 * its dependents, from the same pure builders they apply: each dependent whose reconcile precondition holds for the
 * Tenant renders its objects. {@code flowstack render} prints this; tests compare the cluster with it.
 */
public final class TenantObjects {
    private TenantObjects() {
    }

    public static List<HasMetadata> of(Tenant tenant, StackInputs inputs) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Dependent dependent : TenantReconciler.class.getAnnotation(Workflow.class).dependents()) {
            Object precondition = instantiate(dependent.reconcilePrecondition());
            if (precondition instanceof TenantCondition condition && !condition.holds(tenant)) {
                continue;
            }
            if (!(instantiate(dependent.type()) instanceof StackPart part)) {
                throw new IllegalStateException("dependent " + dependent.name() + " cannot be rendered: "
                        + dependent.type().getName() + " is no StackPart");
            }
            objects.addAll(part.render(tenant, inputs));
        }
        return objects;
    }

    private static Object instantiate(Class<?> type) {
        if (type.isInterface()) {
            return null;
        }
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            throw new IllegalStateException("cannot instantiate " + type.getName(), e);
        }
    }
}
