package io.flowstack.crds.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowstack.crds.v1alpha1.common.FlowstackStatus;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TenantStatus extends FlowstackStatus {
    @JsonPropertyDescription("The namespace that holds the tenant's stack.")
    public String namespace;

    @JsonPropertyDescription("Readiness of the tenant's database.")
    public ComponentStatus database;

    @JsonPropertyDescription("Readiness of the tenant's runtime.")
    public ComponentStatus runtime;

    @JsonPropertyDescription("Version (image tag) of the runtime the tenant is served by.")
    public String runtimeVersion;

    @JsonPropertyDescription("Addresses of the tenant's runtime inside the cluster.")
    public Endpoints endpoints;

    @JsonPropertyDescription("Fingerprint of the stack as the operator last applied it in full: the Tenant's generation,"
            + " labels and annotations, its database and definitions, the operator's build and settings, and the"
            + " version of each object of the stack that apply left. A restarted operator that finds the same"
            + " fingerprint knows that nothing changed and does not apply the stack again. Written only by the"
            + " operator; it holds no secret.")
    public String stackFingerprint;

    /** Readiness of one component of the stack. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ComponentStatus {
        @JsonPropertyDescription("Whether the component is ready to serve.")
        public Boolean ready;

        @JsonPropertyDescription("Pods of the component that are ready.")
        public Integer readyReplicas;

        @JsonPropertyDescription("Pods the component should run.")
        public Integer replicas;

        @JsonPropertyDescription("Why the component is not ready, or what it is doing.")
        public String message;
    }

    /** In-cluster addresses of the runtime. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Endpoints {
        @JsonPropertyDescription("Base URL of the runtime's REST API.")
        public String api;

        @JsonPropertyDescription("Base URL that webhook triggers are served under.")
        public String webhooks;

        @JsonPropertyDescription("URL of the runtime's Prometheus metrics.")
        public String metrics;
    }
}
