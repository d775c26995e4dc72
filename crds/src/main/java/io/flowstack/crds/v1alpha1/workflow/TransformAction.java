package io.flowstack.crds.v1alpha1.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Required;

/** Builds the step's output from expressions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TransformAction {
    @Required
    @PreserveUnknownFields
    @JsonPropertyDescription("Template of the output: any JSON value; a string that is exactly one ${{ }} expression "
            + "takes the expression's value and type, other strings are interpolated.")
    public JsonNode output;
}
