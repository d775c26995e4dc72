package io.flowstack.operator.common;

import io.flowstack.crds.v1alpha1.tenant.Tenant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels on everything the operator creates for a tenant. They are built from scratch, never copied from the
 * Tenant: Argo CD's tracking label and annotations must not spread to the operator's objects. The tenant is named by
 * {@link #TENANT}, not by {@code app.kubernetes.io/instance}, which Argo CD's label tracking (its default before 3.0)
 * reads as the name of the Application that owns an object: one named like a tenant would prune its stack.
 */
public final class Labels {
    public static final String NAME = "app.kubernetes.io/name";
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "flowstack-operator";
    /** The selector every dependent's informer watches with. */
    public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + MANAGED_BY_VALUE;
    public static final String TENANT = "flowstack.io/tenant";
    public static final String COMPONENT = "app.kubernetes.io/component";

    /** Values of {@link #COMPONENT}. */
    public static final String COMPONENT_TENANT = "tenant";
    public static final String COMPONENT_RUNTIME = "runtime";
    public static final String COMPONENT_DATABASE = "database";

    private Labels() {
    }

    /** Labels of a tenant's object of the given component (runtime, database, backup, or tenant for shared objects). */
    public static Map<String, String> of(Tenant tenant, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, "flowstack");
        labels.put(COMPONENT, component);
        labels.put(PART_OF, "flowstack");
        labels.put(MANAGED_BY, MANAGED_BY_VALUE);
        labels.put(TENANT, tenant.getMetadata().getName());
        return labels;
    }

    /** The labels that select one component's pods; stable for the life of the tenant. */
    public static Map<String, String> selector(Tenant tenant, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, "flowstack");
        labels.put(COMPONENT, component);
        labels.put(TENANT, tenant.getMetadata().getName());
        return labels;
    }
}
