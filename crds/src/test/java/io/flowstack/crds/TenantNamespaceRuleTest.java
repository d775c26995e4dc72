package io.flowstack.crds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstack.crds.admission.CrdSchemas;
import io.flowstack.crds.expression.Cel;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * spec.namespace is fixed at creation: the transition rule of the generated Tenant CRD, evaluated with self and
 * oldSelf as the API server evaluates it on an update. Unset → set was let through before, and the operator would then
 * have built a second stack in the new namespace.
 */
class TenantNamespaceRuleTest {
    private static final Cel CEL = Cel.forTransitionRules();

    private static JsonNode rule() {
        JsonNode spec = CrdSchemas.load().crds().get("tenants.flowstack.io").path("spec").path("versions").get(0)
                .path("schema").path("openAPIV3Schema").path("properties").path("spec");
        for (JsonNode rule : spec.path("x-kubernetes-validations")) {
            if (rule.path("rule").asText().contains("oldSelf.namespace")) {
                return rule;
            }
        }
        throw new AssertionError("no transition rule on spec.namespace");
    }

    private static Map<String, Object> spec(String namespace) {
        Map<String, Object> spec = new HashMap<>();
        spec.put("displayName", "ACME");
        if (namespace != null) {
            spec.put("namespace", namespace);
        }
        return spec;
    }

    private static boolean allowed(String before, String after) throws Exception {
        return Boolean.TRUE.equals(CEL.evaluate(rule().path("rule").asText(), Map.of("oldSelf", spec(before),
                "self", spec(after))));
    }

    @Test
    void theNamespaceCannotBeSetChangedOrRemovedAfterCreation() throws Exception {
        assertThat(allowed(null, null)).as("unset stays unset").isTrue();
        assertThat(allowed("tenant-a", "tenant-a")).as("unchanged").isTrue();
        assertThat(allowed(null, "tenant-a")).as("unset → set").isFalse();
        assertThat(allowed("tenant-a", "tenant-b")).as("changed").isFalse();
        assertThat(allowed("tenant-a", null)).as("removed").isFalse();
        assertThat(rule().path("fieldPath").asText()).isEqualTo(".namespace");
        assertThat(rule().path("message").asText()).contains("unset, it cannot be set later");
    }
}
