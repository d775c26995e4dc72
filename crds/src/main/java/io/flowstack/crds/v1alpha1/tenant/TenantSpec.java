package io.flowstack.crds.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.flowstack.crds.v1alpha1.common.Patterns;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.namespace) == has(oldSelf.namespace)"
        + " && (!has(self.namespace) || self.namespace == oldSelf.namespace)",
        message = "namespace is fixed when the Tenant is created (set, it cannot change or go; unset, it cannot be set"
                + " later): create a new Tenant instead",
        fieldPath = ".namespace", reason = "FieldValueForbidden")
public class TenantSpec {
    @Size(min = 1, max = 128)
    @JsonPropertyDescription("Human-readable name of the tenant, shown in dashboards and alerts.")
    public String displayName;

    @Size(min = 1, max = 63)
    @Pattern(Patterns.DNS_LABEL)
    @JsonPropertyDescription("Namespace created for the tenant's stack; defaults to tenant-<metadata.name>. "
            + "It must not exist yet, or be one this operator created; it cannot be changed later. With an operator "
            + "limited to a list of namespaces (the chart's watchNamespaces), it must be one of them: that namespace "
            + "is labelled, not created, and is never deleted with the Tenant.")
    public String namespace;

    @Size(max = 32)
    @JsonPropertyDescription("Users, groups or service accounts bound to an admin Role in the tenant namespace.")
    public List<Owner> owners = new ArrayList<>();

    @JsonPropertyDescription("Totals the tenant namespace may use (a ResourceQuota).")
    public Quota quota;

    @JsonPropertyDescription("Defaults applied to containers that set no requests or limits (a LimitRange).")
    public ContainerLimits limits;

    @JsonPropertyDescription("Network isolation: ingress is denied by default; these fields open it up.")
    public NetworkSpec network;

    @Required
    @JsonPropertyDescription("Where the tenant's PostgreSQL database comes from.")
    public DatabaseSpec database;

    @JsonPropertyDescription("The Flowstack runtime that executes the tenant's workflows.")
    public RuntimeSpec runtime;

    @JsonPropertyDescription("Prometheus alerting for the tenant's stack.")
    public MonitoringSpec monitoring;

    @Default("Retain")
    @JsonPropertyDescription("What happens to the namespace, volumes, secrets and database when the Tenant is deleted: "
            + "Delete removes them (with watchNamespaces the namespace itself stays); Retain (the default) leaves them "
            + "behind with owner references removed.")
    public DeletionPolicy deletionPolicy;
}
