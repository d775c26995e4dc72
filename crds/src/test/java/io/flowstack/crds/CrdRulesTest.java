package io.flowstack.crds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import io.flowstack.crds.admission.CrdSchemas;
import io.flowstack.crds.expression.Cel;
import io.flowstack.crds.expression.ExpressionException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * What the API server checks when the CRDs are installed, and a typo in a rule would otherwise only show on a cluster:
 * the schema is structural, every CEL rule compiles, and every field a rule reads ({@code self.a.b}) exists in the
 * schema of the node the rule is declared on (the API server type-checks rules against the schema).
 */
class CrdRulesTest {
    static final List<String> CRD_NAMES = CrdSchemas.CRD_NAMES;
    private static final Cel CEL = Cel.forWorkflows(List.of("self", "oldSelf"));

    @ParameterizedTest
    @FieldSource("CRD_NAMES")
    void schemaIsStructural(String name) {
        List<String> untyped = new ArrayList<>();
        walk("", schema(name), (path, node) -> {
            boolean exempt = node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
                    || node.path("x-kubernetes-int-or-string").asBoolean(false);
            if (!exempt && node.path("type").asText("").isEmpty()) {
                untyped.add(path);
            }
        });
        assertThat(untyped).as("schema nodes without a type in %s", name).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("CRD_NAMES")
    void everyRuleCompilesAndReadsOnlyDeclaredFields(String name) {
        List<String> problems = new ArrayList<>();
        List<Integer> count = new ArrayList<>();
        walk("", schema(name), (path, node) -> {
            for (JsonNode rule : node.path("x-kubernetes-validations")) {
                count.add(1);
                String source = rule.path("rule").asText();
                try {
                    CelAbstractSyntaxTree ast = CEL.compile(source);
                    for (List<String> chain : selfChains(ast)) {
                        if (!resolves(node, chain)) {
                            problems.add(path + ": rule " + source + " reads self." + String.join(".", chain)
                                    + ", which the schema does not declare");
                        }
                    }
                } catch (ExpressionException e) {
                    problems.add(path + ": rule " + source + " does not compile: " + e.getMessage());
                }
                if (rule.path("message").asText("").isBlank()) {
                    problems.add(path + ": rule " + source + " has no message");
                }
            }
        });
        assertThat(problems).isEmpty();
        assertThat(count).as("%s declares CEL rules", name).isNotEmpty();
    }

    private static JsonNode schema(String name) {
        return CrdSchemas.load().crds().get(name).path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
    }

    private interface Visitor {
        void visit(String path, JsonNode node);
    }

    private static void walk(String path, JsonNode node, Visitor visitor) {
        visitor.visit(path, node);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            walk(path + "." + field.getKey(), field.getValue(), visitor);
        }
        if (node.has("items")) {
            walk(path + "[]", node.get("items"), visitor);
        }
        if (node.path("additionalProperties").isObject()) {
            walk(path + "{}", node.get("additionalProperties"), visitor);
        }
    }

    /** Field chains read from self or oldSelf: {@code self.a.b} gives [a, b]. */
    private static List<List<String>> selfChains(CelAbstractSyntaxTree ast) {
        List<List<String>> chains = new ArrayList<>();
        CelNavigableAst.fromAst(ast).getRoot().allNodes().forEach(node -> {
            CelExpr expr = node.expr();
            if (expr.getKind() != CelExpr.ExprKind.Kind.SELECT) {
                return;
            }
            List<String> chain = new ArrayList<>();
            CelExpr current = expr;
            while (current.getKind() == CelExpr.ExprKind.Kind.SELECT) {
                chain.add(0, current.select().field());
                current = current.select().operand();
            }
            if (current.getKind() == CelExpr.ExprKind.Kind.IDENT
                    && List.of("self", "oldSelf").contains(current.ident().name())) {
                chains.add(chain);
            }
        });
        return chains;
    }

    private static boolean resolves(JsonNode schema, List<String> chain) {
        JsonNode node = schema;
        for (String field : chain) {
            if (node.path("properties").has(field)) {
                node = node.path("properties").path(field);
            } else if (node.path("additionalProperties").isObject()
                    || node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                return true;
            } else {
                return false;
            }
        }
        return true;
    }
}
