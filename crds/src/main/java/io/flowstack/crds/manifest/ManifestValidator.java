package io.flowstack.crds.manifest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flowstack.crds.admission.AdmissionResult;
import io.flowstack.crds.admission.AdmissionValidator;
import io.flowstack.crds.admission.CrdSchemas;
import io.flowstack.crds.admission.FieldViolation;
import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.flowstack.crds.v1alpha1.common.FieldError;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.crds.validation.FlowstackValidator;
import io.flowstack.crds.validation.ValidationContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a set of manifests in two passes: first each object as the API server would admit it (schema, defaults, CEL),
 * then the admitted objects with the {@link FlowstackValidator}, treating the set as everything that exists in their
 * namespaces (a Workflow's integrationRef must name an Integration in the set).
 */
public final class ManifestValidator {
    /** The namespace kubectl uses for objects that name none. */
    public static final String DEFAULT_NAMESPACE = "default";
    private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.of(
            "Tenant", Tenant.class, "Workflow", Workflow.class, "Integration", Integration.class,
            "BackupPolicy", BackupPolicy.class);

    private final AdmissionValidator admission;
    private final FlowstackValidator semantic = new FlowstackValidator();
    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public ManifestValidator(AdmissionValidator admission) {
        this.admission = admission;
    }

    public ManifestValidator() {
        this(new AdmissionValidator());
    }

    public ValidationReport validate(List<Manifest> manifests) {
        List<Finding> findings = new ArrayList<>();
        Map<HasMetadata, Manifest> admitted = new LinkedHashMap<>();
        int checked = 0;
        int skipped = 0;
        for (Manifest manifest : manifests) {
            if (!isFlowstack(manifest)) {
                skipped++;
                continue;
            }
            checked++;
            AdmissionResult result = admission.admit(manifest.object());
            for (FieldViolation violation : result.violations()) {
                findings.add(new Finding(manifest.location(), manifest.displayName(), violation.path(), violation.message()));
            }
            if (result.accepted()) {
                Class<? extends HasMetadata> type = TYPES.get(manifest.kind());
                admitted.put(mapper.convertValue(result.object(), type), manifest);
            }
        }
        ValidationContext context = ValidationContext.complete(admitted.keySet(), DEFAULT_NAMESPACE);
        admitted.forEach((resource, manifest) -> {
            for (FieldError error : semantic.validate(resource, context)) {
                findings.add(new Finding(manifest.location(), manifest.displayName(), error.field, error.message));
            }
        });
        return new ValidationReport(checked, skipped, findings);
    }

    /** Flowstack's objects, and anything that claims a flowstack.io apiVersion or names no apiVersion/kind at all. */
    private static boolean isFlowstack(Manifest manifest) {
        String apiVersion = manifest.apiVersion();
        return apiVersion.isEmpty() || manifest.kind().isEmpty() || apiVersion.startsWith("flowstack.io/")
                || (CrdSchemas.load().find(apiVersion, manifest.kind()).isPresent());
    }
}
