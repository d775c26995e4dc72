package io.flowstack.operator;

/**
 * Operator-wide settings that shape what the operator creates: where it runs, the images it deploys by default.
 * The reconciler hands them to the dependents through the reconcile context, so every desired() is a function of the
 * primary resource and its context only.
 */
public record OperatorSettings(String operatorNamespace, String monitoringNamespace, String runtimeImageRepository,
                               String defaultRuntimeVersion, String postgresImageRepository) {

    /** Key under which the settings travel in the managed workflow's context. */
    public static final String CONTEXT_KEY = "flowstack.operator-settings";

    public static OperatorSettings defaults() {
        return new OperatorSettings("flowstack-system", "monitoring", "ghcr.io/flowstack/runtime", "0.1.0",
                "docker.io/library/postgres");
    }

    public String runtimeImage(String version) {
        return runtimeImageRepository + ":" + (version == null || version.isBlank() ? defaultRuntimeVersion : version);
    }

    public String postgresImage(String majorVersion) {
        return postgresImageRepository + ":" + majorVersion;
    }
}
