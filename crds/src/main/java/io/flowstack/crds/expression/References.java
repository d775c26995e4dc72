package io.flowstack.crds.expression;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import java.util.LinkedHashSet;
import java.util.Set;

/** What a compiled workflow expression reads. */
public final class References {
    private References() {
    }

    /** Names of the steps read as {@code steps.<name>} or {@code steps['<name>']}. */
    public static Set<String> stepsReadBy(CelAbstractSyntaxTree ast) {
        Set<String> steps = new LinkedHashSet<>();
        CelNavigableAst.fromAst(ast).getRoot().allNodes().forEach(node -> {
            CelExpr expr = node.expr();
            if (expr.getKind() == CelExpr.ExprKind.Kind.SELECT) {
                CelExpr operand = expr.select().operand();
                if (isIdent(operand, "steps")) {
                    steps.add(expr.select().field());
                }
            } else if (expr.getKind() == CelExpr.ExprKind.Kind.CALL && "_[_]".equals(expr.call().function())
                    && expr.call().args().size() == 2 && isIdent(expr.call().args().get(0), "steps")) {
                CelExpr index = expr.call().args().get(1);
                if (index.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                        && index.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
                    steps.add(index.constant().stringValue());
                }
            }
        });
        return steps;
    }

    private static boolean isIdent(CelExpr expr, String name) {
        return expr.getKind() == CelExpr.ExprKind.Kind.IDENT && name.equals(expr.ident().name());
    }
}
