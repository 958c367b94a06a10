package io.athanor.orm.internal.evaluator;

import io.athanor.sql.ast.ComparisonOperator;

/**
 * SQL's three-valued logic over compiled nodes: TRUE, FALSE and null for UNKNOWN. Where an operand
 * cannot be evaluated ({@link EvaluationException}) but another operand decides the result anyway
 * (a FALSE in an AND, a TRUE in an OR or IN), the decided result stands, as it would in the database.
 */
final class Logic {
    private Logic() {
    }

    static Node and(Node[] operands) {
        return junction(operands, Boolean.FALSE);
    }

    static Node or(Node[] operands) {
        return junction(operands, Boolean.TRUE);
    }

    /**
     * AND (decisive FALSE) or OR (decisive TRUE): the decisive value wins even over unknown operands
     * and operands Java cannot evaluate for this row, as in SQL; otherwise UNKNOWN if any was unknown.
     */
    private static Node junction(Node[] operands, Boolean decisive) {
        Boolean otherwise = !decisive;
        return row -> {
            boolean unknown = false;
            EvaluationException failure = null;
            for (Node n : operands) {
                Object v;
                try {
                    v = n.eval(row);
                } catch (EvaluationException e) {
                    failure = e;
                    continue;
                }
                if (v == null) {
                    unknown = true;
                } else if (decisive.equals(v)) {
                    return decisive;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return unknown ? null : otherwise;
        };
    }

    static Node not(Node operand) {
        return row -> {
            Object v = operand.eval(row);
            return v == null ? null : (Boolean) v ? Boolean.FALSE : Boolean.TRUE;
        };
    }

    /** IS NULL / IS NOT NULL: never UNKNOWN. */
    static Node nullTest(Node operand, boolean negated) {
        return row -> (operand.eval(row) == null) != negated;
    }

    /** {@code left op right}; UNKNOWN if either side is NULL (the right side is then not evaluated). */
    static Node compare(ComparisonOperator op, Node left, Node right, Order order) {
        return switch (op) {
            case EQ -> row -> {
                Object a = left.eval(row);
                Object b = a == null ? null : right.eval(row);
                return b == null ? null : order.compare(a, b) == 0;
            };
            case NE -> row -> {
                Object a = left.eval(row);
                Object b = a == null ? null : right.eval(row);
                return b == null ? null : order.compare(a, b) != 0;
            };
            case LT -> row -> {
                Object a = left.eval(row);
                Object b = a == null ? null : right.eval(row);
                return b == null ? null : order.compare(a, b) < 0;
            };
            case LE -> row -> {
                Object a = left.eval(row);
                Object b = a == null ? null : right.eval(row);
                return b == null ? null : order.compare(a, b) <= 0;
            };
            case GT -> row -> {
                Object a = left.eval(row);
                Object b = a == null ? null : right.eval(row);
                return b == null ? null : order.compare(a, b) > 0;
            };
            case GE -> row -> {
                Object a = left.eval(row);
                Object b = a == null ? null : right.eval(row);
                return b == null ? null : order.compare(a, b) >= 0;
            };
        };
    }

    /** {@code x BETWEEN low AND high}, which SQL defines as {@code x >= low AND x <= high}. */
    static Node between(Node operand, Node low, Node high, Order order) {
        // The operand is evaluated once per row rather than once per half.
        return row -> {
            Object x = operand.eval(row);
            if (x == null) {
                return null;
            }
            Boolean geLow = null;
            Boolean leHigh = null;
            EvaluationException failure = null;
            try {
                Object lo = low.eval(row);
                geLow = lo == null ? null : order.compare(x, lo) >= 0;
            } catch (EvaluationException e) {
                failure = e;
            }
            if (Boolean.FALSE.equals(geLow)) {
                return Boolean.FALSE;
            }
            try {
                Object hi = high.eval(row);
                leHigh = hi == null ? null : order.compare(x, hi) <= 0;
            } catch (EvaluationException e) {
                failure = e;
            }
            if (Boolean.FALSE.equals(leHigh)) {
                return Boolean.FALSE;
            }
            if (failure != null) {
                throw failure;
            }
            return geLow == null || leHigh == null ? null : Boolean.TRUE;
        };
    }

    /**
     * {@code x IN (v1, v2, ...)}: TRUE if x equals some element, else UNKNOWN if x or any element is
     * NULL, else FALSE. An empty list is FALSE even for a NULL x (the SQL compiler renders it
     * {@code 1 = 0}).
     */
    static Node in(Node operand, Node[] elements, Order order) {
        if (elements.length == 0) {
            return row -> Boolean.FALSE;
        }
        return row -> {
            Object x = operand.eval(row);
            if (x == null) {
                return null;
            }
            boolean unknown = false;
            EvaluationException failure = null;
            for (Node n : elements) {
                try {
                    Object v = n.eval(row);
                    if (v == null) {
                        unknown = true;
                    } else if (order.compare(x, v) == 0) {
                        return Boolean.TRUE;
                    }
                } catch (EvaluationException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return unknown ? null : Boolean.FALSE;
        };
    }
}
