package io.flowstack.crds.validation;

import io.flowstack.crds.v1alpha1.common.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Collects field errors in the order they are found. */
final class Problems {
    private final List<FieldError> errors = new ArrayList<>();

    void add(String path, String message) {
        errors.add(new FieldError(path, message));
    }

    /** Runs a check that throws {@link IllegalArgumentException} with a user-facing message, recording it at path. */
    <T> T check(String path, Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            add(path, e.getMessage());
            return null;
        }
    }

    List<FieldError> list() {
        return List.copyOf(errors);
    }
}
