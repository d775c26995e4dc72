package io.flowstack.operator.common;

import io.flowstack.crds.v1alpha1.tenant.RuntimeSpec;
import io.flowstack.crds.v1alpha1.tenant.Tenant;

/**
 * Operator-wide settings that shape what the operator creates: where it runs, the images it deploys by default.
 * The reconciler hands them to the dependents through the reconcile context, so every desired() is a function of the
 * primary resource and its context only.
 */
public record OperatorSettings(String operatorNamespace, String monitoringNamespace, String runtimeImageRepository,
                               String defaultRuntimeVersion, String postgresImageRepository, WatchedNamespaces watched) {

    public OperatorSettings {
        watched = watched == null ? WatchedNamespaces.all() : watched;
    }

    /** Settings of an operator that works in every namespace. */
    public OperatorSettings(String operatorNamespace, String monitoringNamespace, String runtimeImageRepository,
                            String defaultRuntimeVersion, String postgresImageRepository) {
        this(operatorNamespace, monitoringNamespace, runtimeImageRepository, defaultRuntimeVersion,
                postgresImageRepository, WatchedNamespaces.all());
    }

    /** The field manager of every write, so server-side apply tells the operator's fields from anyone else's. */
    public static final String FIELD_MANAGER = "flowstack-operator";

    public static OperatorSettings defaults() {
        return new OperatorSettings("flowstack-system", "monitoring", "ghcr.io/flowstack/runtime", "0.1.0",
                "docker.io/library/postgres");
    }

    /** The same settings for an operator that works only in {@code watched}. */
    public OperatorSettings watching(WatchedNamespaces namespaces) {
        return new OperatorSettings(operatorNamespace, monitoringNamespace, runtimeImageRepository,
                defaultRuntimeVersion, postgresImageRepository, namespaces);
    }

    public String runtimeImage(String version) {
        return runtimeImageRepository + ":" + (version == null || version.isBlank() ? defaultRuntimeVersion : version);
    }

    /** A tenant's runtime image: spec.runtime.image, or this repository at spec.runtime.version (or the default). */
    public String runtimeImageOf(Tenant tenant) {
        RuntimeSpec runtime = tenant.getSpec() == null || tenant.getSpec().runtime == null ? new RuntimeSpec()
                : tenant.getSpec().runtime;
        return runtime.image != null ? runtime.image : runtimeImage(runtime.version);
    }

    public String postgresImage(String majorVersion) {
        return postgresImageRepository + ":" + majorVersion;
    }
}
