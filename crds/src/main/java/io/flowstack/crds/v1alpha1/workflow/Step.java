package io.flowstack.crds.v1alpha1.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.flowstack.crds.v1alpha1.common.Patterns;
import java.util.List;

/** One step of a workflow. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.forEach) == (self.type == 'forEach')",
        message = "forEach must be set exactly when type is forEach", fieldPath = ".forEach", reason = "FieldValueInvalid")
public class Step extends StepAction {
    @Required
    @Size(min = 1, max = 63)
    @Pattern(Patterns.IDENTIFIER)
    @JsonPropertyDescription("Name of the step, unique in the workflow; expressions read its result as steps.<name>.output. "
            + "Letters, digits and underscores, not starting with a digit.")
    public String name;

    @Size(max = 32)
    @JsonPropertyDescription("Steps that must finish before this one starts. When unset, the step before it in the list "
            + "(none for the first step); [] starts it at once.")
    public List<String> needs;

    @Size(max = 4096)
    @JsonPropertyDescription("Expression; the step runs only when it is true, and is skipped otherwise. "
            + "Example: input.score > 50 or ${{ steps.classify.output.kind == 'lead' }}.")
    public String when;

    @JsonPropertyDescription("Settings of a forEach step: runs a step once for each item of a list.")
    public ForEachAction forEach;
}
