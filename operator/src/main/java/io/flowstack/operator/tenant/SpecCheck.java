package io.flowstack.operator.tenant;

import io.flowstack.crds.v1alpha1.common.FieldError;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.validation.FlowstackValidator;
import io.flowstack.crds.validation.ValidationContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The shared validator's verdict on a Tenant, computed once per version of it. The verdict depends on the Tenant
 * alone, and a version (uid and resourceVersion) names one content, so most reconciles, which follow events of the
 * Tenant's objects and not of the Tenant, reuse it; the check of a spec costs more than building all its objects.
 */
final class SpecCheck {
    private record Verdict(String resourceVersion, List<FieldError> errors) {
    }

    private final Function<Tenant, List<FieldError>> validator;
    private final Map<String, Verdict> byUid = new ConcurrentHashMap<>();

    SpecCheck() {
        this(tenant -> new FlowstackValidator().validate(tenant, ValidationContext.none()));
    }

    SpecCheck(Function<Tenant, List<FieldError>> validator) {
        this.validator = validator;
    }

    List<FieldError> errors(Tenant tenant) {
        String uid = tenant.getMetadata().getUid();
        String version = tenant.getMetadata().getResourceVersion();
        if (uid == null || version == null) {
            return validator.apply(tenant);
        }
        Verdict known = byUid.get(uid);
        if (known != null && known.resourceVersion().equals(version)) {
            return known.errors();
        }
        List<FieldError> errors = List.copyOf(validator.apply(tenant));
        byUid.put(uid, new Verdict(version, errors));
        return errors;
    }

    void forget(Tenant tenant) {
        if (tenant.getMetadata().getUid() != null) {
            byUid.remove(tenant.getMetadata().getUid());
        }
    }

}
