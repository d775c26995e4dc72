package io.flowstack.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Which changes of a primary call for a reconcile: its spec (generation), labels, annotations (which change no
 * generation, yet carry requests such as flowstack.io/rotate-secrets or flowstack.io/backup-now), finalizers and
 * deletion. The operator's own status writes do not: they would only cost a reconcile that finds nothing to do.
 */
public abstract class SpecOrMetadataChange<P extends HasMetadata> implements OnUpdateFilter<P> {
    @Override
    public boolean accept(P updated, P old) {
        var now = updated.getMetadata();
        var before = old.getMetadata();
        return !Objects.equals(now.getGeneration(), before.getGeneration())
                || !Objects.equals(now.getAnnotations(), before.getAnnotations())
                || !Objects.equals(now.getLabels(), before.getLabels())
                || !Objects.equals(now.getFinalizers(), before.getFinalizers())
                || !Objects.equals(now.getDeletionTimestamp(), before.getDeletionTimestamp());
    }
}
