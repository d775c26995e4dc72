package io.flowstack.crds.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

/** The API server's behaviour the admission emulation must reproduce, one behaviour each. */
class AdmissionValidatorTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final AdmissionValidator validator = new AdmissionValidator();

    private static JsonNode yaml(String text) throws Exception {
        return YAML.readTree(text);
    }

    @Test
    void appliesSchemaDefaultsTopDown() throws Exception {
        AdmissionResult result = validator.admit(yaml("""
                apiVersion: flowstack.io/v1alpha1
                kind: Tenant
                metadata: {name: acme}
                spec:
                  database: {}
                  runtime: {}
                  monitoring: {}
                """));
        assertThat(result.violations()).isEmpty();
        JsonNode spec = result.object().path("spec");
        assertThat(spec.path("database").path("mode").asText()).isEqualTo("Managed");
        assertThat(spec.path("runtime").path("suspend").asBoolean(true)).isFalse();
        assertThat(spec.path("runtime").has("replicas")).as("no default: unset leaves the scale to others").isFalse();
        assertThat(spec.path("deletionPolicy").asText()).isEqualTo("Retain");
        assertThat(spec.path("monitoring").path("errorRateWarningPercent").asDouble()).isEqualTo(5.0);
    }

    @Test
    void celRulesSeeDefaultedValues() throws Exception {
        // mode defaults to Managed, so a connectionSecretRef is forbidden even though mode is not written
        AdmissionResult result = validator.admit(yaml("""
                apiVersion: flowstack.io/v1alpha1
                kind: Tenant
                metadata: {name: acme}
                spec:
                  database:
                    connectionSecretRef: {name: pg}
                """));
        assertThat(result.violations()).extracting(FieldViolation::path)
                .containsExactly("spec.database.connectionSecretRef");
    }

    @Test
    void nullsArePrunedAndThenDefaulted() throws Exception {
        AdmissionResult result = validator.admit(yaml("""
                apiVersion: flowstack.io/v1alpha1
                kind: Tenant
                metadata: {name: acme}
                spec:
                  database:
                    mode: null
                """));
        assertThat(result.violations()).isEmpty();
        assertThat(result.object().path("spec").path("database").path("mode").asText()).isEqualTo("Managed");
    }

    @Test
    void statusIsIgnoredOnCreateAsWithAStatusSubresource() throws Exception {
        AdmissionResult result = validator.admit(yaml("""
                apiVersion: flowstack.io/v1alpha1
                kind: Tenant
                metadata: {name: acme}
                spec:
                  database: {}
                status:
                  bogus: true
                """));
        assertThat(result.violations()).isEmpty();
        assertThat(result.object().has("status")).isFalse();
    }

    @Test
    void preserveUnknownFieldsKeepsArbitraryJson() throws Exception {
        AdmissionResult result = validator.admit(yaml("""
                apiVersion: flowstack.io/v1alpha1
                kind: Workflow
                metadata: {name: w, namespace: t}
                spec:
                  trigger: {manual: {}}
                  steps:
                    - name: a
                      type: transform
                      transform:
                        output: {anything: [1, {nested: true}]}
                """));
        assertThat(result.violations()).isEmpty();
        assertThat(result.object().at("/spec/steps/0/transform/output/anything/1/nested").asBoolean()).isTrue();
    }

    @Test
    void quantitiesAreIntOrString() throws Exception {
        AdmissionResult result = validator.admit(yaml("""
                apiVersion: flowstack.io/v1alpha1
                kind: Tenant
                metadata: {name: acme}
                spec:
                  database: {}
                  quota: {cpu: 4, memory: 8Gi}
                """));
        assertThat(result.violations()).isEmpty();
    }

    @Test
    void transitionRulesDoNotApplyOnCreate() throws Exception {
        AdmissionResult result = validator.admit(yaml("""
                apiVersion: flowstack.io/v1alpha1
                kind: Tenant
                metadata: {name: acme}
                spec:
                  namespace: acme-prod
                  database: {}
                """));
        assertThat(result.violations()).isEmpty();
    }

    @Test
    void aTenantNameMustLeaveRoomForTheNamespacePrefix() throws Exception {
        String name = "a".repeat(57);
        AdmissionResult result = validator.admit(yaml("""
                apiVersion: flowstack.io/v1alpha1
                kind: Tenant
                metadata: {name: %s}
                spec:
                  database: {}
                """.formatted(name)));
        assertThat(result.violations()).extracting(FieldViolation::path).containsExactly("metadata.name");
    }
}
