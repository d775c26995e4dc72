package io.flowstack.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An informer's store that keeps each object as {@link #kept} makes it (a leaner copy, shared parts), keyed as
 * fabric8's own store keys them (namespace/name). The informer hands every object it caches to {@code put}.
 */
public abstract class TransformingItemStore<R extends HasMetadata> implements ItemStore<R> {
    private final Map<String, R> items = new ConcurrentHashMap<>();

    /** What the store keeps of {@code object}. */
    protected abstract R kept(R object);

    @Override
    public String getKey(R object) {
        return Cache.metaNamespaceKeyFunc(object);
    }

    @Override
    public R put(String key, R object) {
        return items.put(key, kept(object));
    }

    @Override
    public R remove(String key) {
        return items.remove(key);
    }

    @Override
    public Stream<String> keySet() {
        return items.keySet().stream();
    }

    @Override
    public Stream<R> values() {
        return items.values().stream();
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public R get(String key) {
        return items.get(key);
    }
}
