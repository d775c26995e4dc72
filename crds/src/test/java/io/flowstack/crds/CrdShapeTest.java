package io.flowstack.crds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstack.crds.admission.CrdSchemas;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** What `kubectl` users rely on in every Flowstack CRD. */
class CrdShapeTest {
    static final List<String> CRD_NAMES = CrdSchemas.CRD_NAMES;

    private static JsonNode crd(String name) {
        return CrdSchemas.load().crds().get(name);
    }

    private static JsonNode version(String name) {
        return crd(name).path("spec").path("versions").get(0);
    }

    @ParameterizedTest
    @FieldSource("CRD_NAMES")
    void everyPropertyHasADescription(String name) {
        List<String> undescribed = new ArrayList<>();
        JsonNode root = version(name).path("schema").path("openAPIV3Schema");
        collectUndescribed("", root, undescribed);
        assertThat(undescribed).as("properties without description in %s", name).isEmpty();
        assertThat(root.path("properties").fieldNames()).toIterable().contains("spec", "status");
    }

    private static void collectUndescribed(String path, JsonNode schema, List<String> undescribed) {
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String child = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
            if (property.getValue().path("description").asText("").isBlank()) {
                undescribed.add(child);
            }
            collectUndescribed(child, property.getValue(), undescribed);
        }
        if (schema.has("items")) {
            collectUndescribed(path + "[]", schema.get("items"), undescribed);
        }
        if (schema.path("additionalProperties").isObject()) {
            collectUndescribed(path + "{}", schema.get("additionalProperties"), undescribed);
        }
    }

    @ParameterizedTest
    @FieldSource("CRD_NAMES")
    void hasStatusSubresourcePrinterColumnsShortNameAndCategory(String name) {
        JsonNode names = crd(name).path("spec").path("names");
        assertThat(version(name).path("subresources").has("status")).as("status subresource").isTrue();
        assertThat(names.path("shortNames")).as("short names").isNotEmpty();
        assertThat(names.path("categories").toString()).contains("\"flowstack\"");
        List<String> columns = new ArrayList<>();
        version(name).path("additionalPrinterColumns").forEach(c -> columns.add(c.path("name").asText()));
        assertThat(columns).contains("Ready", "Reason", "Age").hasSizeGreaterThanOrEqualTo(4);
        assertThat(columns.indexOf("Ready")).as("kubectl get: the declared order, Ready before Reason (the"
                + " generator sorts by JSON path)").isLessThan(columns.indexOf("Reason"));
        assertThat(columns.get(columns.size() - 1)).as("age last, as kubectl's own kinds").isEqualTo("Age");
        assertThat(names.path("shortNames").get(0).asText()).as("prefixed: no clash with Argo Workflows' wf or"
                + " Camel K's it").startsWith("fs");
        assertThat(crd(name).path("spec").path("group").asText()).isEqualTo("flowstack.io");
        assertThat(version(name).path("name").asText()).isEqualTo("v1alpha1");
    }

    @ParameterizedTest
    @FieldSource("CRD_NAMES")
    void statusCarriesObservedGenerationAndConditions(String name) {
        JsonNode status = version(name).path("schema").path("openAPIV3Schema").path("properties").path("status");
        assertThat(status.path("properties").has("observedGeneration")).isTrue();
        JsonNode condition = status.path("properties").path("conditions").path("items").path("properties");
        assertThat(condition.fieldNames()).toIterable()
                .contains("type", "status", "reason", "message", "lastTransitionTime", "observedGeneration");
        JsonNode conditions = status.path("properties").path("conditions");
        assertThat(conditions.path("x-kubernetes-list-type").asText()).as("a map list, as metav1.Condition lists")
                .isEqualTo("map");
        assertThat(conditions.path("x-kubernetes-list-map-keys").toString()).isEqualTo("[\"type\"]");
        assertThat(conditions.path("items").path("required").toString()).as("metav1.Condition's required fields")
                .contains("\"type\"", "\"status\"", "\"reason\"", "\"message\"", "\"lastTransitionTime\"");
    }

    @ParameterizedTest
    @FieldSource("CRD_NAMES")
    void kubectlExplainDescribesTheKind(String name) {
        String description = version(name).path("schema").path("openAPIV3Schema").path("description").asText("");
        assertThat(description).as("kubectl explain %s", name).hasSizeGreaterThan(60);
    }

    @ParameterizedTest
    @FieldSource("CRD_NAMES")
    void scopeIsAsDesigned(String name) {
        String scope = crd(name).path("spec").path("scope").asText();
        assertThat(scope).isEqualTo(name.startsWith("tenants.") ? "Cluster" : "Namespaced");
    }
}
