package io.flowstack.operator.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.function.UnaryOperator;

/** Edits as a person with kubectl makes them: on a conflict with the operator's concurrent write, read again and retry. */
public final class Edits {
    private Edits() {
    }

    public static <R extends HasMetadata> R edit(Resource<R> resource, UnaryOperator<R> change) {
        for (int attempt = 0; ; attempt++) {
            try {
                return resource.edit(change);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= 20) {
                    throw e;
                }
            }
        }
    }
}
