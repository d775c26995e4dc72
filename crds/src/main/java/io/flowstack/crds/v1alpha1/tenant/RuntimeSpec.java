package io.flowstack.crds.v1alpha1.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.flowstack.crds.v1alpha1.common.ComputeResources;
import io.flowstack.crds.v1alpha1.common.EnvVar;
import java.util.ArrayList;
import java.util.List;

/** The tenant's Flowstack runtime Deployment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!(has(self.image) && has(self.version))",
        message = "set image or version, not both: version picks a tag of the operator's default image",
        fieldPath = ".version", reason = "FieldValueForbidden")
public class RuntimeSpec {
    @Size(min = 1, max = 512)
    @Pattern("^\\S+$")
    @JsonPropertyDescription("Full image reference of the runtime; the operator's default image when unset. "
            + "Pin a digest (image@sha256:...) in production.")
    public String image;

    @Size(min = 1, max = 128)
    @Pattern("^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
    @JsonPropertyDescription("Tag of the operator's default runtime image to run, e.g. 0.1.0.")
    public String version;

    @Min(0)
    @Max(50)
    @JsonPropertyDescription("Number of runtime pods. They share the database and split the work between them. Set, "
            + "the operator holds the Deployment at this count (a change by anyone else is put back); unset, the "
            + "Deployment starts with one pod and its scale is left to others: a HorizontalPodAutoscaler, kubectl "
            + "scale.")
    public Integer replicas;

    @JsonPropertyDescription("CPU and memory of each runtime container.")
    public ComputeResources resources;

    @Size(max = 64)
    @JsonPropertyDescription("Extra environment variables of the runtime container.")
    public List<EnvVar> env = new ArrayList<>();

    @Default("false")
    @JsonPropertyDescription("Maintenance mode: stops executing workflows as suspendMode says, keeping all data.")
    public Boolean suspend;

    @Default("ScaleToZero")
    @JsonPropertyDescription("How suspend takes effect: ScaleToZero stops the pods; Maintenance keeps one pod serving "
            + "503 with Retry-After to API and webhook callers, and runs no executions.")
    public SuspendMode suspendMode;

    public enum SuspendMode {
        ScaleToZero, Maintenance
    }
}
