package io.flowstack.crds.expression;

/** An expression that does not compile or fails to evaluate. */
public class ExpressionException extends Exception {
    public ExpressionException(String message) {
        super(message);
    }

    public ExpressionException(String message, Throwable cause) {
        super(message, cause);
    }
}
