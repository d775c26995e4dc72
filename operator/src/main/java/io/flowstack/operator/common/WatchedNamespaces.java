package io.flowstack.operator.common;

import io.javaoperatorsdk.operator.api.reconciler.Constants;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The namespaces the operator works in: every namespace (the default), or the list a platform team gave the chart's
 * {@code watchNamespaces}. In a list, the operator's rights are Roles in those namespaces only, so it reads and writes
 * nothing elsewhere: its namespaced controllers and the informers of tenant stacks watch just these namespaces, a
 * Tenant must name one of them as its namespace, and the namespaces are the platform team's (the operator labels them
 * but neither creates nor deletes them).
 */
public record WatchedNamespaces(Set<String> names) {
    private static final WatchedNamespaces ALL = new WatchedNamespaces(Set.of());

    public WatchedNamespaces {
        names = Set.copyOf(new TreeSet<>(names));
    }

    public static WatchedNamespaces all() {
        return ALL;
    }

    /** The listed namespaces (blank entries ignored); every namespace when none is listed. */
    public static WatchedNamespaces of(Collection<String> listed) {
        TreeSet<String> names = new TreeSet<>();
        for (String name : listed) {
            if (name != null && !name.isBlank()) {
                names.add(name.trim());
            }
        }
        return names.isEmpty() ? ALL : new WatchedNamespaces(names);
    }

    public boolean everywhere() {
        return names.isEmpty();
    }

    public boolean includes(String namespace) {
        return everywhere() || names.contains(namespace);
    }

    /** The namespaces an informer of a namespaced kind watches: these, or all. */
    public Set<String> informerNamespaces() {
        return everywhere() ? Constants.WATCH_ALL_NAMESPACE_SET : names;
    }

    @Override
    public String toString() {
        return everywhere() ? "all namespaces" : String.join(", ", new TreeSet<>(names));
    }
}
