package io.flowstack.crds.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** One tenant's orchestration stack. Cluster-scoped: it creates and owns the tenant's namespace. */
@com.fasterxml.jackson.annotation.JsonClassDescription("A tenant's complete, isolated orchestration stack: its namespace with guard rails (quota, limits, network isolation, restricted pod security), its PostgreSQL database, its workflow runtime, keys and alerts. Cluster-scoped: it creates and owns the namespace.")
@Group("flowstack.io")
@Version("v1alpha1")
@Kind("Tenant")
@Plural("tenants")
@Singular("tenant")
@ShortNames("fstn")
@Categories("flowstack")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        getDescription = "Whether the whole stack is ready")
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
        getDescription = "Why the stack is or is not ready")
@AdditionalPrinterColumn(name = "Namespace", jsonPath = ".status.namespace",
        getDescription = "The tenant's namespace")
@AdditionalPrinterColumn(name = "Runtime", jsonPath = ".status.runtimeVersion", priority = 1,
        getDescription = "Version of the runtime that serves the tenant")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE, getDescription = "Time since creation")
public class Tenant extends CustomResource<TenantSpec, TenantStatus> {
    public static final String DEFAULT_NAMESPACE_PREFIX = "tenant-";

    /** The namespace the stack lives in: {@code spec.namespace} or {@code tenant-<name>}. */
    public String targetNamespace() {
        TenantSpec spec = getSpec();
        if (spec != null && spec.namespace != null && !spec.namespace.isBlank()) {
            return spec.namespace;
        }
        return DEFAULT_NAMESPACE_PREFIX + getMetadata().getName();
    }
    @Override
    @JsonPropertyDescription("The tenant's desired stack.")
    public TenantSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("What the operator observed of the tenant's stack; written only by the operator.")
    public TenantStatus getStatus() {
        return super.getStatus();
    }
}
