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
 * The shared validator's verdict on a Tenant, computed once per spec of it. The verdict depends on the Tenant's spec
 * alone, and a generation (of one uid) names one spec, so reconciles that follow events of the Tenant's objects, of
 * its finalizer or of its status reuse it; the check of a spec costs more than building all its objects. One validator
 * serves every check (building one builds the workflow expression environment, which costs more than a check).
 */
final class SpecCheck {
    private record Verdict(String version, List<FieldError> errors) {
    }

    private final Function<Tenant, List<FieldError>> validator;
    private final Map<String, Verdict> byUid = new ConcurrentHashMap<>();

    SpecCheck() {
        this(validatorOf(new FlowstackValidator()));
    }

    private static Function<Tenant, List<FieldError>> validatorOf(FlowstackValidator validator) {
        return tenant -> validator.validate(tenant, ValidationContext.none());
    }

    SpecCheck(Function<Tenant, List<FieldError>> validator) {
        this.validator = validator;
    }

    List<FieldError> errors(Tenant tenant) {
        String uid = tenant.getMetadata().getUid();
        Long generation = tenant.getMetadata().getGeneration();
        String version = generation != null ? "g" + generation : tenant.getMetadata().getResourceVersion();
        if (uid == null || version == null) {
            return validator.apply(tenant);
        }
        Verdict known = byUid.get(uid);
        if (known != null && known.version().equals(version)) {
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
