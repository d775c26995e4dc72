package io.flowstack.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * An informer's store whose objects share their managedFields' field sets with every other object cached this way
 * ({@link FieldSetInterner}): the same objects, a fraction of the heap.
 */
public final class InterningItemStore<R extends HasMetadata> extends TransformingItemStore<R> {
    private static final FieldSetInterner SHARED = new FieldSetInterner();

    @Override
    protected R kept(R object) {
        return SHARED.intern(object);
    }
}
