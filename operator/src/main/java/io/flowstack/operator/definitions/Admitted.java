package io.flowstack.operator.definitions;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.client.CustomResource;
import io.flowstack.crds.admission.AdmissionResult;
import io.flowstack.crds.admission.AdmissionValidator;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import io.flowstack.crds.v1alpha1.workflow.WorkflowSpec;
import io.flowstack.crds.validation.Revisions;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A Workflow or Integration as the API server stores it: with the CRD's defaults applied. The runtime admits what it
 * reads the same way, so the revision the operator reports and the one the runtime runs are computed from the same
 * spec, whichever defaults the object was applied without.
 */
public final class Admitted {
    private static final AdmissionValidator ADMISSION = new AdmissionValidator();
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Admitted() {
    }

    /** apiVersion, kind, name, namespace and the defaulted spec; nothing of status or other metadata. */
    public static ObjectNode of(CustomResource<?, ?> resource) {
        ObjectNode node = JSON.createObjectNode();
        node.put("apiVersion", resource.getApiVersion());
        node.put("kind", resource.getKind());
        ObjectNode metadata = node.putObject("metadata");
        metadata.put("name", resource.getMetadata().getName());
        if (resource.getMetadata().getNamespace() != null) {
            metadata.put("namespace", resource.getMetadata().getNamespace());
        }
        node.set("spec", JSON.valueToTree(resource.getSpec()));
        AdmissionResult admitted = ADMISSION.admit(node);
        return admitted.object() != null ? admitted.object() : node;
    }

    /** The revision of a workflow as the runtime computes it: of its defaulted spec. */
    public static String revision(Workflow workflow) {
        return Revisions.of(JSON.convertValue(of(workflow).get("spec"), WorkflowSpec.class));
    }

    public static String yaml(CustomResource<?, ?> resource) {
        try {
            return YAML.writeValueAsString(of(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Workflow workflowFromYaml(String yaml) throws IOException {
        return YAML.readValue(yaml, Workflow.class);
    }

    public static Integration integrationFromYaml(String yaml) throws IOException {
        return YAML.readValue(yaml, Integration.class);
    }
}
