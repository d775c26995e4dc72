package io.flowstack.crds.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Admits Flowstack objects offline as the API server would on create: known kind, object metadata, unknown fields
 * (strict field validation), defaults, the OpenAPI v3 schema of the generated CRD (through a JSON-schema validator) and
 * its CEL rules (through the CEL library). It reads only the generated CRDs, so it checks exactly what a cluster
 * with those CRDs installed enforces.
 */
public final class AdmissionValidator {
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

    private final CrdSchemas schemas;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();
    private final CelRules celRules = new CelRules();

    public AdmissionValidator(CrdSchemas schemas) {
        this.schemas = schemas;
    }

    public AdmissionValidator() {
        this(CrdSchemas.load());
    }

    public AdmissionResult admit(JsonNode input) {
        List<FieldViolation> violations = new ArrayList<>();
        if (!input.isObject()) {
            violations.add(new FieldViolation("", "a Kubernetes object must be a mapping"));
            return new AdmissionResult(null, violations);
        }
        ObjectNode object = ((ObjectNode) input).deepCopy();
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        if (apiVersion.isEmpty()) {
            violations.add(new FieldViolation("apiVersion", "Required value"));
        }
        if (kind.isEmpty()) {
            violations.add(new FieldViolation("kind", "Required value"));
        }
        if (!violations.isEmpty()) {
            return new AdmissionResult(object, violations);
        }
        Optional<CrdSchemas.KindSchema> found = schemas.find(apiVersion, kind);
        if (found.isEmpty()) {
            violations.add(new FieldViolation("kind", "no matches for kind \"" + kind + "\" in version \"" + apiVersion
                    + "\": Flowstack serves Tenant, Workflow, Integration and BackupPolicy in flowstack.io/v1alpha1"));
            return new AdmissionResult(object, violations);
        }
        CrdSchemas.KindSchema kindSchema = found.get();
        checkMetadata(object, kindSchema, violations);
        // status is a subresource: the API server ignores it on create and update of the main resource
        object.remove("status");

        violations.addAll(SchemaWalker.pruneAndDefault(object, kindSchema.openApiSchema()));
        violations.addAll(schemaViolations(object, kindSchema));
        List<String> errorPaths = violations.stream().map(FieldViolation::path).toList();
        violations.addAll(celRules.evaluate(object, kindSchema.openApiSchema(),
                path -> errorPaths.stream().anyMatch(error -> isWithin(error, path))));
        violations.sort(Comparator.comparing(FieldViolation::path));
        return new AdmissionResult(object, List.copyOf(violations));
    }

    private static boolean isWithin(String errorPath, String nodePath) {
        return !nodePath.isEmpty() && (errorPath.equals(nodePath) || errorPath.startsWith(nodePath + ".")
                || errorPath.startsWith(nodePath + "["));
    }

    private List<FieldViolation> schemaViolations(ObjectNode object, CrdSchemas.KindSchema kindSchema) {
        JsonSchema schema = compiled.computeIfAbsent(kindSchema.apiVersion() + "/" + kindSchema.kind(),
                key -> factory.getSchema(withoutKubernetesExtensions(kindSchema.openApiSchema()), config));
        ObjectNode body = object.deepCopy();
        body.remove(List.of("apiVersion", "kind", "metadata"));
        List<FieldViolation> violations = new ArrayList<>();
        for (ValidationMessage message : schema.validate(body)) {
            violations.add(SchemaMessages.toViolation(message));
        }
        return violations;
    }

    /** The schema without the {@code x-kubernetes-*} keywords, which the API server, not JSON Schema, interprets. */
    private static JsonNode withoutKubernetesExtensions(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node.isObject()) {
            List<String> extensions = new ArrayList<>();
            node.fieldNames().forEachRemaining(name -> {
                if (name.startsWith("x-kubernetes-")) {
                    extensions.add(name);
                }
            });
            ((ObjectNode) node).remove(extensions);
            node.forEach(AdmissionValidator::strip);
        } else if (node.isArray()) {
            node.forEach(AdmissionValidator::strip);
        }
    }

    private static void checkMetadata(ObjectNode object, CrdSchemas.KindSchema kindSchema,
                                      List<FieldViolation> violations) {
        JsonNode metadata = object.path("metadata");
        String name = metadata.path("name").asText("");
        if (name.isEmpty()) {
            if (metadata.path("generateName").asText("").isEmpty()) {
                violations.add(new FieldViolation("metadata.name", "Required value: name or generateName is required"));
            }
        } else if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
            violations.add(new FieldViolation("metadata.name", "Invalid value: \"" + name
                    + "\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                    + "and must start and end with an alphanumeric character"));
        } else if ("Tenant".equals(kindSchema.kind()) && name.length() > 56) {
            violations.add(new FieldViolation("metadata.name", "Invalid value: \"" + name
                    + "\": a Tenant's name must be at most 56 characters, so that tenant-<name> is a valid namespace"));
        }
        String namespace = metadata.path("namespace").asText("");
        if (!namespace.isEmpty() && kindSchema.namespaced()
                && (namespace.length() > 63 || !DNS_LABEL.matcher(namespace).matches())) {
            violations.add(new FieldViolation("metadata.namespace", "Invalid value: \"" + namespace
                    + "\": must be a lowercase RFC 1123 label"));
        }
    }
}
