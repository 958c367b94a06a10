package io.athanor.orm.internal.evaluator;

/**
 * How two non-null values of one type compare, the database's way: negative, zero or positive.
 * An implementation throws {@link EvaluationException} for values whose database order it cannot
 * vouch for.
 */
@FunctionalInterface
interface Order {
    int compare(Object a, Object b);
}
