package io.flowstack.crds.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstack.crds.v1alpha1.workflow.InputProperty.InputType;

/** Whether a JSON value has an input property's type. */
public final class InputTypes {
    private InputTypes() {
    }

    public static boolean matches(InputType type, JsonNode value) {
        return switch (type) {
            case string -> value.isTextual();
            case number -> value.isNumber();
            case integer -> value.isIntegralNumber() || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
            case bool -> value.isBoolean();
            case object -> value.isObject();
            case array -> value.isArray();
        };
    }
}
