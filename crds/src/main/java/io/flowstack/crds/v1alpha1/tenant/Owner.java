package io.flowstack.crds.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.flowstack.crds.v1alpha1.common.Patterns;

/** A subject that administers the tenant namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.kind != 'ServiceAccount' || has(self.namespace)",
        message = "a ServiceAccount owner needs its namespace", fieldPath = ".namespace", reason = "FieldValueRequired")
@ValidationRule(value = "self.kind == 'ServiceAccount' || !has(self.namespace)",
        message = "namespace is only allowed for ServiceAccount owners", fieldPath = ".namespace", reason = "FieldValueForbidden")
public class Owner {
    @Default("User")
    @JsonPropertyDescription("Kind of subject: User, Group or ServiceAccount.")
    public SubjectKind kind;

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Name of the user, group or service account, as the cluster's authentication reports it.")
    public String name;

    @Size(max = 63)
    @Pattern(Patterns.DNS_LABEL)
    @JsonPropertyDescription("Namespace of a ServiceAccount owner.")
    public String namespace;

    public Owner() {
    }

    public Owner(SubjectKind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    public enum SubjectKind {
        User, Group, ServiceAccount
    }
}
