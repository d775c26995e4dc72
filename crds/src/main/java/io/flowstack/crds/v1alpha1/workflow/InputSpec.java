package io.flowstack.crds.v1alpha1.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The top-level object an execution receives as input. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InputSpec {
    @Size(max = 64)
    @JsonPropertyDescription("The input's properties by name; expressions read them as input.<name>.")
    public Map<String, InputProperty> properties = new LinkedHashMap<>();

    @Size(max = 64)
    @JsonPropertyDescription("Names of properties an execution must be given (or that have a default).")
    public List<String> required = new ArrayList<>();
}
