package io.flowstack.crds.v1alpha1.integration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.flowstack.crds.v1alpha1.common.FlowstackStatus;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class IntegrationStatus extends FlowstackStatus {
    @JsonPropertyDescription("When the runtime last checked the connection (RFC 3339).")
    public String lastCheckTime;
}
