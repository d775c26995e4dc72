package io.flowstack.operator.tenant;

import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Which changes of a Tenant call for a reconcile: its spec (generation), labels, annotations (such as
 * flowstack.io/rotate-secrets, which change no generation), finalizers and deletion. The operator's own status writes
 * do not: they would only cost a reconcile that finds nothing to do.
 */
public class TenantUpdateFilter implements OnUpdateFilter<Tenant> {
    @Override
    public boolean accept(Tenant updated, Tenant old) {
        var now = updated.getMetadata();
        var before = old.getMetadata();
        return !Objects.equals(now.getGeneration(), before.getGeneration())
                || !Objects.equals(now.getAnnotations(), before.getAnnotations())
                || !Objects.equals(now.getLabels(), before.getLabels())
                || !Objects.equals(now.getFinalizers(), before.getFinalizers())
                || !Objects.equals(now.getDeletionTimestamp(), before.getDeletionTimestamp());
    }
}
