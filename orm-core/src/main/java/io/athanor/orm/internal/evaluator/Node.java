package io.athanor.orm.internal.evaluator;

/**
 * One compiled expression node: a closure computing the node's value for a row. Booleans are
 * {@link Boolean#TRUE}, {@link Boolean#FALSE} or null (SQL UNKNOWN); any other null is SQL NULL.
 * Nodes hold their children directly, so evaluating a row never dispatches on the AST again.
 */
@FunctionalInterface
interface Node {
    Object eval(ValueSource row);
}
