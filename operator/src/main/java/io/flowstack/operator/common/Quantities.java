package io.flowstack.operator.common;

import io.fabric8.kubernetes.api.model.Quantity;
import io.flowstack.crds.v1alpha1.common.ResourceList;
import java.util.LinkedHashMap;
import java.util.Map;

/** Quantities as the API server would store them, so that what the operator applies matches what it reads back. */
public final class Quantities {
    private Quantities() {
    }

    public static Quantity canonical(Quantity quantity) {
        return new Quantity(io.flowstack.crds.validation.Quantities.text(quantity));
    }

    public static Map<String, Quantity> map(ResourceList list) {
        Map<String, Quantity> map = new LinkedHashMap<>();
        if (list != null) {
            if (list.cpu != null) {
                map.put("cpu", canonical(list.cpu));
            }
            if (list.memory != null) {
                map.put("memory", canonical(list.memory));
            }
        }
        return map;
    }
}
