package io.flowstack.operator.testing;

import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fabric8 mock's store, with an index by resource plural and name. The mock answers a request about one object
 * (a GET, the existence check of a create, the lookup of an update) by matching every stored object's attributes
 * against the request's, so each request costs time in proportion to everything stored; the API server reads one
 * object by its key. With the index such a request looks at the few objects of that plural and name (one per
 * namespace) and matches only those, with the mock's own {@link AttributeSet#matches}, so it finds exactly what the
 * scan would. Lists, label selectors and watches still scan, as before.
 *
 * <p>It replaces the mock's map (a {@code LinkedHashMap} behind {@code Collections.synchronizedMap}), whose only
 * writes are {@code put}, {@code remove} and {@code clear}.
 */
final class IndexedStore extends LinkedHashMap<AttributeSet, String> {
    private static final String PLURAL = "plural";
    private static final String NAME = "name";
    private static final String NAMESPACE = "namespace";
    /** Keys by plural, namespace ("" for none) and name; and by plural and name, for queries without a namespace. */
    private final Map<String, Set<AttributeSet>> byObject = new ConcurrentHashMap<>();
    private final Map<String, Set<AttributeSet>> byName = new ConcurrentHashMap<>();
    /** Stored objects without a plural or a name: while there are any, the index cannot say an object is absent. */
    private final AtomicInteger unindexed = new AtomicInteger();

    @Override
    public String put(AttributeSet key, String value) {
        String previous = super.put(key, value);
        if (previous == null) {
            String name = indexable(key) ? nameKey(key) : null;
            if (name == null) {
                unindexed.incrementAndGet();
            } else {
                byName.computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet()).add(key);
                byObject.computeIfAbsent(objectKey(key), k -> ConcurrentHashMap.newKeySet()).add(key);
            }
        }
        return previous;
    }

    @Override
    public String remove(Object key) {
        String previous = super.remove(key);
        if (previous != null && key instanceof AttributeSet set) {
            String name = indexable(set) ? nameKey(set) : null;
            if (name == null) {
                unindexed.decrementAndGet();
            } else {
                Set<AttributeSet> keys = byName.get(name);
                if (keys != null) {
                    keys.remove(set);
                }
                Set<AttributeSet> objects = byObject.get(objectKey(set));
                if (objects != null) {
                    objects.remove(set);
                }
            }
        }
        return previous;
    }

    @Override
    public void clear() {
        super.clear();
        byName.clear();
        byObject.clear();
        unindexed.set(0);
    }

    /**
     * The stored keys that may match a query naming one object (same plural, name and, when the query has one,
     * namespace), or null when the index cannot answer: the query names no single object, or some stored objects
     * could not be indexed.
     */
    List<AttributeSet> candidates(AttributeSet query) {
        String name = nameKey(query);
        if (name == null || !indexable(query) || unindexed.get() > 0) {
            return null;
        }
        Set<AttributeSet> keys = query.containsKey(NAMESPACE) ? byObject.get(objectKey(query)) : byName.get(name);
        return keys == null ? List.of() : List.copyOf(keys);
    }

    /** With a single plain plural and name, and a single plain namespace or none. */
    private static boolean indexable(AttributeSet set) {
        return nameKey(set) != null && (!set.containsKey(NAMESPACE) || single(set.getAttribute(NAMESPACE)) != null);
    }

    /** Plural, namespace ("" for none) and name. */
    private static String objectKey(AttributeSet set) {
        String namespace = single(set.getAttribute(NAMESPACE));
        return nameKey(set) + "@" + (namespace == null ? "" : namespace);
    }

    private static String nameKey(AttributeSet set) {
        String plural = single(set.getAttribute(PLURAL));
        String name = single(set.getAttribute(NAME));
        return plural == null || name == null ? null : plural + "/" + name;
    }

    private static String single(Attribute attribute) {
        if (attribute == null || attribute.getType() != AttributeType.WITH || attribute.getValues().size() != 1) {
            return null;
        }
        String value = attribute.getValues().get(0).toString();
        return value == null || value.equals("*") ? null : value;
    }
}
