package io.flowstack.crds.v1alpha1.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.s3) != has(self.pvc)", message = "set exactly one target: s3 or pvc",
        reason = "FieldValueInvalid")
public class BackupTarget {
    @JsonPropertyDescription("An S3-compatible object store.")
    public S3Target s3;

    @JsonPropertyDescription("A PersistentVolumeClaim in the tenant namespace.")
    public PvcTarget pvc;
}
