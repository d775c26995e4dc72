package io.flowstack.crds.v1alpha1.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** An environment variable of the runtime container: a literal value or a Secret key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.value) != has(self.secretKeyRef)",
        message = "set exactly one of value or secretKeyRef", reason = "FieldValueInvalid")
public class EnvVar {
    @Required
    @Size(min = 1, max = 256)
    @Pattern(Patterns.ENV_NAME)
    @JsonPropertyDescription("Name of the variable. Names starting with FLOWSTACK_ are reserved for the operator.")
    public String name;

    @Size(max = 32768)
    @JsonPropertyDescription("Literal value. Never put secrets here: use secretKeyRef.")
    public String value;

    @JsonPropertyDescription("Takes the value from a key of a Secret in the tenant namespace.")
    public SecretKeyRef secretKeyRef;

    public EnvVar() {
    }

    public EnvVar(String name, String value) {
        this.name = name;
        this.value = value;
    }
}
