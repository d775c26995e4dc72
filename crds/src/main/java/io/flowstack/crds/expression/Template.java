package io.flowstack.crds.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * A string with {@code ${{ expression }}} parts. A template that is exactly one expression keeps the expression's value
 * and type when rendered; other templates are interpolated into a string.
 */
public record Template(List<Part> parts) {
    private static final String OPEN = "${{";
    private static final String CLOSE = "}}";

    /** A literal piece of text or an expression. */
    public record Part(String text, boolean expression) {
    }

    /** Splits a string into literal and expression parts; an unclosed {@code ${{} is an error. */
    public static Template parse(String source) throws ExpressionException {
        List<Part> parts = new ArrayList<>();
        int position = 0;
        while (position < source.length()) {
            int open = source.indexOf(OPEN, position);
            if (open < 0) {
                parts.add(new Part(source.substring(position), false));
                break;
            }
            if (open > position) {
                parts.add(new Part(source.substring(position, open), false));
            }
            int close = findClose(source, open + OPEN.length());
            if (close < 0) {
                throw new ExpressionException("unclosed ${{ at character " + open + ": close it with }}");
            }
            String expression = source.substring(open + OPEN.length(), close).trim();
            if (expression.isEmpty()) {
                throw new ExpressionException("empty ${{ }} at character " + open);
            }
            parts.add(new Part(expression, true));
            position = close + CLOSE.length();
        }
        return new Template(List.copyOf(parts));
    }

    /** Whether the string contains an expression at all. */
    public static boolean hasExpressions(String source) {
        return source != null && source.contains(OPEN);
    }

    /**
     * The expression of a field that holds one expression, written bare ({@code input.n > 3}) or wrapped
     * ({@code ${{ input.n > 3 }}}).
     */
    public static String bareExpression(String source) throws ExpressionException {
        String trimmed = source.trim();
        if (trimmed.contains(OPEN)) {
            Template template = parse(trimmed);
            if (template.parts.size() != 1 || !template.parts.get(0).expression()) {
                throw new ExpressionException("expected a single expression, not text mixed with ${{ }}");
            }
            return template.parts.get(0).text();
        }
        if (trimmed.isEmpty()) {
            throw new ExpressionException("empty expression");
        }
        return trimmed;
    }

    public boolean isSingleExpression() {
        return parts.size() == 1 && parts.get(0).expression();
    }

    public List<String> expressions() {
        return parts.stream().filter(Part::expression).map(Part::text).toList();
    }

    /** Finds the {@code }}} that closes an expression, skipping string literals inside it. */
    private static int findClose(String source, int from) {
        char quote = 0;
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (source.startsWith(CLOSE, i)) {
                return i;
            }
        }
        return -1;
    }
}
