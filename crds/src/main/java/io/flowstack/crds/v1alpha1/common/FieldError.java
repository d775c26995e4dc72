package io.flowstack.crds.v1alpha1.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A problem with one field of a resource. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FieldError {
    @JsonPropertyDescription("Path of the field, e.g. spec.steps[2].needs[0].")
    public String field;

    @JsonPropertyDescription("What is wrong and what to do about it.")
    public String message;

    public FieldError() {
    }

    public FieldError(String field, String message) {
        this.field = field;
        this.message = message;
    }
}
