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
    }

    @ParameterizedTest
    @FieldSource("CRD_NAMES")
    void scopeIsAsDesigned(String name) {
        String scope = crd(name).path("spec").path("scope").asText();
        assertThat(scope).isEqualTo(name.startsWith("tenants.") ? "Cluster" : "Namespaced");
    }
}
