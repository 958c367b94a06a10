package io.athanor.orm.internal.evaluator;

/**
 * A per-row evaluation whose result Java cannot know (overflow, NaN, values outside the range the
 * dialect's ordering is vouched for). The caller expires the object rather than guessing.
 */
public final class EvaluationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}, which names the expression. */
    public EvaluationException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
