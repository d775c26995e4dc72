package io.flowstack.crds.expression;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one expression language of Flowstack: CEL, as Kubernetes uses it for CRD validation rules and as workflows use it
 * inside {@code ${{ }}}. Compiled programs are cached by environment and source; the class is thread-safe.
 */
public final class Cel {
    private final CelCompiler compiler;
    private final CelRuntime runtime;
    private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

    private Cel(Collection<String> variables, boolean workflowExtensions) {
        CelCompilerBuilder builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
        for (String variable : variables) {
            builder.addVar(variable, SimpleType.DYN);
        }
        var runtimeBuilder = CelRuntimeFactory.standardCelRuntimeBuilder();
        if (workflowExtensions) {
            builder.addLibraries(CelExtensions.strings(), CelExtensions.math(), CelExtensions.encoders(),
                    CelExtensions.lists());
            runtimeBuilder.addLibraries(CelExtensions.strings(), CelExtensions.math(), CelExtensions.encoders(),
                    CelExtensions.lists());
        }
        this.compiler = builder.build();
        this.runtime = runtimeBuilder.build();
    }

    /** The environment of CRD validation rules: {@code self} and the standard library. */
    public static Cel forValidationRules() {
        return new Cel(java.util.List.of("self"), false);
    }

    /** The environment of a ValidatingAdmissionPolicy's expressions: the request and the objects it is about. */
    public static Cel forAdmissionPolicies() {
        return new Cel(java.util.List.of("request", "object", "oldObject", "namespaceObject", "params"), false);
    }

    /** The environment of a CRD's transition rules, which the API server evaluates on updates: self and oldSelf. */
    public static Cel forTransitionRules() {
        return new Cel(java.util.List.of("self", "oldSelf"), false);
    }

    /** The environment of workflow expressions, with the string, math, encoder and list extensions. */
    public static Cel forWorkflows(Collection<String> variables) {
        return new Cel(variables, true);
    }

    /** Parses and type-checks an expression. */
    public CelAbstractSyntaxTree compile(String source) throws ExpressionException {
        try {
            return compiler.compile(source).getAst();
        } catch (CelValidationException e) {
            throw new ExpressionException(cleanMessage(e.getMessage()), e);
        }
    }

    /** Evaluates an expression against the given variables; values must be CEL values (Long, Double, String, Map, List...). */
    public Object evaluate(String source, Map<String, ?> variables) throws ExpressionException {
        CelRuntime.Program program = programs.get(source);
        if (program == null) {
            try {
                program = runtime.createProgram(compile(source));
            } catch (CelEvaluationException e) {
                throw new ExpressionException(cleanMessage(e.getMessage()), e);
            }
            programs.put(source, program);
        }
        try {
            return program.eval(variables);
        } catch (CelEvaluationException e) {
            throw new ExpressionException(cleanMessage(e.getMessage()), e);
        }
    }

    private static String cleanMessage(String message) {
        if (message == null) {
            return "invalid expression";
        }
        return message.replace("\n", " ").replaceAll("\\s+", " ").trim();
    }
}
