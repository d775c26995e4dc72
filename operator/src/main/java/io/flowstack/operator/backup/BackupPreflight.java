package io.flowstack.operator.backup;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowstack.contract.SecretKeys;
import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.flowstack.crds.v1alpha1.backup.BackupPolicySpec;
import io.flowstack.crds.v1alpha1.common.FieldError;
import io.flowstack.crds.validation.FlowstackValidator;
import io.flowstack.crds.validation.ValidationContext;
import io.flowstack.operator.common.StackNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What must hold before a policy's Jobs are made: a valid spec, and every Secret (and key) and the volume its Jobs
 * read. Checked from the API server each time, so a Secret created later is found at the next look.
 */
final class BackupPreflight {
    private final FlowstackValidator validator = new FlowstackValidator();

    Optional<BackupProblem> check(BackupPolicy policy, KubernetesClient client) {
        List<FieldError> errors = validator.validate(policy, ValidationContext.none());
        if (!errors.isEmpty()) {
            return Optional.of(new BackupProblem(BackupReason.InvalidSpec, errors.stream()
                    .map(e -> e.field + ": " + e.message).collect(Collectors.joining("; "))));
        }
        String namespace = policy.getMetadata().getNamespace();
        for (Map.Entry<String, Need> need : needs(policy.getSpec()).entrySet()) {
            Secret secret = client.secrets().inNamespace(namespace).withName(need.getKey()).get();
            if (secret == null) {
                return Optional.of(new BackupProblem(BackupReason.SecretMissing, need.getValue().field() + ": Secret "
                        + need.getKey() + " not found in namespace " + namespace + need.getValue().hint()));
            }
            List<String> missing = new ArrayList<>();
            for (String key : need.getValue().keys()) {
                if (secret.getData() == null || !secret.getData().containsKey(key)) {
                    missing.add(key);
                }
            }
            if (!missing.isEmpty()) {
                return Optional.of(new BackupProblem(BackupReason.SecretKeyMissing, need.getValue().field()
                        + ": Secret " + need.getKey() + " lacks key(s) " + String.join(", ", missing)));
            }
        }
        if (policy.getSpec().target.pvc != null && client.persistentVolumeClaims().inNamespace(namespace)
                .withName(policy.getSpec().target.pvc.claimName).get() == null) {
            return Optional.of(new BackupProblem(BackupReason.TargetMissing, "spec.target.pvc.claimName:"
                    + " PersistentVolumeClaim " + policy.getSpec().target.pvc.claimName + " not found in namespace "
                    + namespace + ": create it (not on the database's own storage)"));
        }
        return Optional.empty();
    }

    /** A Secret the Jobs read: which keys, and where the spec names it. */
    private record Need(String field, List<String> keys, String hint) {
    }

    private static Map<String, Need> needs(BackupPolicySpec spec) {
        Map<String, Need> needs = new LinkedHashMap<>();
        needs.put(StackNames.DATABASE_SECRET, new Need("the tenant's database", SecretKeys.DATABASE_KEYS,
                ": the Tenant's stack makes it; wait until the Tenant is Ready"));
        boolean encrypted = spec.encryption == null || !Boolean.FALSE.equals(spec.encryption.enabled);
        if (encrypted && spec.encryption != null && spec.encryption.keySecretRef != null) {
            needs.put(spec.encryption.keySecretRef.name, new Need("spec.encryption.keySecretRef",
                    List.of(spec.encryption.keySecretRef.key), ": create it with a 32-byte key"));
        } else if (encrypted) {
            needs.merge(StackNames.KEYS_SECRET, new Need("the tenant's keys", List.of(SecretKeys.ENCRYPTION_KEY),
                    ": the Tenant's stack makes it; wait until the Tenant is Ready"), (a, b) -> a);
        }
        if (spec.target.s3 != null) {
            var credentials = spec.target.s3.credentialsSecretRef;
            needs.put(credentials.name, new Need("spec.target.s3.credentialsSecretRef", List.of(
                    credentials.accessKeyIdKey == null ? "AWS_ACCESS_KEY_ID" : credentials.accessKeyIdKey,
                    credentials.secretAccessKeyKey == null ? "AWS_SECRET_ACCESS_KEY" : credentials.secretAccessKeyKey),
                    ": create it with the access key of the bucket"));
        }
        return needs;
    }
}
