package io.flowstack.crds.v1alpha1.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
import io.flowstack.crds.v1alpha1.common.SecretKeyRef;

/** AES-256-GCM encryption of backup files. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.enabled || !has(self.keySecretRef)",
        message = "keySecretRef has no effect while encryption is disabled", fieldPath = ".keySecretRef",
        reason = "FieldValueForbidden")
public class Encryption {
    @Default("true")
    @JsonPropertyDescription("Encrypt backups with AES-256-GCM.")
    public Boolean enabled;

    @JsonPropertyDescription("A 32-byte key (raw or base64) in a Secret of the policy's namespace; the tenant's "
            + "generated encryption key when unset. Keep a copy outside the cluster: without it backups cannot be restored.")
    public SecretKeyRef keySecretRef;
}
