package io.athanor.orm.internal.evaluator;

/**
 * An expression the evaluator refuses to compile because its result in Java could differ from the
 * database's (LIKE, functions, a type the dialect does not vouch for...). The message names the
 * construct and the reason. Checked, because every caller must choose a fallback (FETCH, or
 * expiring the attribute).
 */
public final class UnevaluableException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Refusal of {@code construct} (an expression or its description) for {@code reason}. */
    public UnevaluableException(String construct, String reason) {
        super(construct + " is not evaluated in Java: " + reason);
    }
}
