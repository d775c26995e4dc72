package io.flowstack.operator.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import java.util.function.Supplier;

/**
 * Compare, then patch status and cache: a status equal to the stored one costs no request; a different one is written
 * with server-side apply on the status subresource and put into the controller's cache at once, so a reconcile that
 * follows before the informer sees the write starts from it (and does not write it again with new times).
 */
public final class StatusWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusWriter() {
    }

    /** Whether two statuses say the same (null never equals anything). */
    public static boolean same(Object a, Object b) {
        return a != null && b != null && JSON.valueToTree(a).equals(JSON.valueToTree(b));
    }

    /**
     * Writes {@code status} unless the resource already has it; returns whether it wrote.
     *
     * @param blank makes an empty resource of the kind, to carry name, namespace and the status
     */
    public static <S, P extends CustomResource<?, S>> boolean writeIfChanged(P resource, S status, Context<P> context,
                                                                          Supplier<P> blank) {
        if (same(resource.getStatus(), status)) {
            return false;
        }
        write(resource, status, context, blank);
        return true;
    }

    /**
     * Writes {@code status} (the caller decided it differs) and caches the result: what the SDK's
     * {@code PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource} does (the resource's resourceVersion in the
     * patch, a 409 retried from the cache), with the patch sent by {@link ObjectWrites}.
     */
    @SuppressWarnings("unchecked")
    public static <S, P extends CustomResource<?, S>> void write(P resource, S status, Context<P> context,
                                                              Supplier<P> blank) {
        P patch = blank.get();
        patch.setMetadata(new ObjectMetaBuilder().withName(resource.getMetadata().getName())
                .withNamespace(resource.getMetadata().getNamespace()).build());
        patch.setStatus(status);
        Class<P> type = (Class<P>) resource.getClass();
        String fieldManager = context.getControllerConfiguration().fieldManager();
        PrimaryUpdateAndCacheUtils.updateAndCacheResource(resource, context, unchanged -> patch,
                versioned -> ObjectWrites.applyStatus(context.getClient(), versioned, type, fieldManager));
    }
}
