package io.flowstack.crds.v1alpha1.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** One property of a workflow's input. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.pattern) && !has(self.minLength) && !has(self.maxLength) || self.type == 'string'",
        message = "pattern, minLength and maxLength only apply to type string", reason = "FieldValueForbidden")
@ValidationRule(value = "!has(self.minimum) && !has(self.maximum) || self.type == 'number' || self.type == 'integer'",
        message = "minimum and maximum only apply to types number and integer", reason = "FieldValueForbidden")
public class InputProperty {
    @Required
    @JsonPropertyDescription("JSON type: string, number, integer, boolean, object or array.")
    public InputType type;

    @Size(max = 1024)
    @JsonPropertyDescription("What the property means, shown by the runtime's API.")
    public String description;

    @PreserveUnknownFields
    @JsonProperty("default")
    @JsonPropertyDescription("Value used when an execution is not given this property; it must match type.")
    public JsonNode defaultValue;

    @Size(max = 256)
    @JsonProperty("enum")
    @JsonPropertyDescription("Allowed values of a string property.")
    public List<String> enumValues;

    @JsonPropertyDescription("Smallest allowed value of a number or integer.")
    public Double minimum;

    @JsonPropertyDescription("Largest allowed value of a number or integer.")
    public Double maximum;

    @Min(0)
    @JsonPropertyDescription("Shortest allowed string.")
    public Integer minLength;

    @Min(0)
    @JsonPropertyDescription("Longest allowed string.")
    public Integer maxLength;

    @Size(max = 1024)
    @JsonPropertyDescription("Regular expression (RE2 syntax) a string must match.")
    public String pattern;

    public enum InputType {
        string, number, integer, @JsonProperty("boolean") bool, object, array
    }
}
