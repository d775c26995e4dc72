package io.flowstack.crds.generate;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.flowstack.crds.v1alpha1.backup.BackupPolicy;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.crds.v1alpha1.tenant.Tenant;
import io.flowstack.crds.v1alpha1.workflow.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What fabric8's crd-generator (7.4) cannot express, added to the CRDs it wrote (run by the build right after it, on
 * {@code target/classes/META-INF/fabric8}): {@code status.conditions} as a map list keyed by {@code type} (as
 * metav1.Condition lists are), each kind's description at the root of its schema (from {@link JsonClassDescription}:
 * what {@code kubectl explain <kind>} prints), and the printer columns in the order the kind declares them (the
 * generator sorts them by JSON path).
 */
public final class CrdFinishing {
    static final Map<String, Class<?>> KINDS = Map.of("tenants.flowstack.io", Tenant.class,
            "workflows.flowstack.io", Workflow.class, "integrations.flowstack.io", Integration.class,
            "backuppolicies.flowstack.io", BackupPolicy.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));
    static final String HEADER = "# Generated from the Java classes of crds/ (fabric8 CRDGenerator, then CrdFinishing):"
            + " do not edit\n";

    private CrdFinishing() {
    }

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args.length > 0 ? args[0] : "target/classes/META-INF/fabric8");
        for (Map.Entry<String, Class<?>> kind : KINDS.entrySet()) {
            Path file = directory.resolve(kind.getKey() + "-v1.yml");
            JsonNode crd = YAML.readTree(Files.readString(file));
            Files.writeString(file, HEADER + YAML.writeValueAsString(finish((ObjectNode) crd, kind.getValue())));
        }
    }

    static ObjectNode finish(ObjectNode crd, Class<?> kind) {
        for (JsonNode version : crd.path("spec").path("versions")) {
            ObjectNode schema = (ObjectNode) version.path("schema").path("openAPIV3Schema");
            JsonClassDescription description = kind.getAnnotation(JsonClassDescription.class);
            if (description == null) {
                throw new IllegalStateException(kind.getSimpleName() + " has no @JsonClassDescription");
            }
            ObjectNode described = YAML.createObjectNode().put("description", description.value());
            described.setAll(schema);
            schema.removeAll();
            schema.setAll(described);
            JsonNode conditions = schema.path("properties").path("status").path("properties").path("conditions");
            if (conditions.isObject()) {
                ((ObjectNode) conditions).put("x-kubernetes-list-type", "map");
                ((ObjectNode) conditions).putArray("x-kubernetes-list-map-keys").add("type");
            }
            if (version.has("additionalPrinterColumns")) {
                ((ObjectNode) version).set("additionalPrinterColumns", declaredOrder(
                        (ArrayNode) version.get("additionalPrinterColumns"), kind));
            }
        }
        return crd;
    }

    /** The columns in the order of the kind's {@link AdditionalPrinterColumn} annotations. */
    private static ArrayNode declaredOrder(ArrayNode columns, Class<?> kind) {
        List<JsonNode> ordered = new ArrayList<>();
        for (AdditionalPrinterColumn declared : kind.getAnnotationsByType(AdditionalPrinterColumn.class)) {
            for (JsonNode column : columns) {
                if (column.path("name").asText().equals(declared.name())) {
                    ordered.add(column);
                }
            }
        }
        if (ordered.size() != columns.size()) {
            throw new IllegalStateException(kind.getSimpleName() + ": columns " + columns + " are not all declared");
        }
        return YAML.createArrayNode().addAll(ordered);
    }
}
