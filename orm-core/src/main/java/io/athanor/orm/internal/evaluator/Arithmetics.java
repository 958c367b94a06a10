package io.athanor.orm.internal.evaluator;

import io.athanor.sql.ast.Arithmetic;
import io.athanor.sql.ast.ArithmeticOperator;

/**
 * SQL arithmetic and concatenation over compiled nodes. Any NULL operand gives NULL. Integer
 * results are exact: where Java would wrap around, the database either errors (PostgreSQL) or
 * silently switches to floating point (SQLite), so the row's result is unknown
 * ({@link EvaluationException}). Division truncates toward zero and the remainder takes the
 * dividend's sign, which is both SQL's and Java's rule.
 */
final class Arithmetics {
    private Arithmetics() {
    }

    /** Operations on two non-null operands; {@code a} is the left one. */
    @FunctionalInterface
    private interface Op {
        Object apply(Object a, Object b);
    }

    static Node arithmetic(Arithmetic<?> node, Node left, Node right, boolean divisionByZeroIsNull) {
        Class<?> type = node.type();
        ArithmeticOperator operator = node.operator();
        Op op;
        if (type == Integer.class) {
            op = ints(operator, node, divisionByZeroIsNull);
        } else if (type == Long.class) {
            op = longs(operator, node, divisionByZeroIsNull);
        } else {
            op = doubles(operator, node, divisionByZeroIsNull);
        }
        return row -> {
            Object a = left.eval(row);
            if (a == null) {
                return null;
            }
            Object b = right.eval(row);
            return b == null ? null : op.apply(a, b);
        };
    }

    static Node concat(Node left, Node right) {
        return row -> {
            Object a = left.eval(row);
            if (a == null) {
                return null;
            }
            Object b = right.eval(row);
            return b == null ? null : ((String) a).concat((String) b);
        };
    }

    /** The types {@link #arithmetic} implements; others are refused even if a dialect vouches for them. */
    static boolean implemented(Class<?> type) {
        return type == Integer.class || type == Long.class || type == Double.class;
    }

    private static Op ints(ArithmeticOperator operator, Arithmetic<?> node, boolean zeroIsNull) {
        return switch (operator) {
            case PLUS -> (a, b) -> {
                try {
                    return Math.addExact((Integer) a, (Integer) b);
                } catch (ArithmeticException e) {
                    throw overflow(node, a, b);
                }
            };
            case MINUS -> (a, b) -> {
                try {
                    return Math.subtractExact((Integer) a, (Integer) b);
                } catch (ArithmeticException e) {
                    throw overflow(node, a, b);
                }
            };
            case TIMES -> (a, b) -> {
                try {
                    return Math.multiplyExact((Integer) a, (Integer) b);
                } catch (ArithmeticException e) {
                    throw overflow(node, a, b);
                }
            };
            case DIVIDE -> (a, b) -> {
                int x = (Integer) a;
                int y = (Integer) b;
                if (y == 0) {
                    return divisionByZero(node, a, zeroIsNull);
                }
                if (x == Integer.MIN_VALUE && y == -1) {
                    throw overflow(node, a, b); // Java would give MIN_VALUE back
                }
                return x / y;
            };
            case MOD -> (a, b) -> {
                int y = (Integer) b;
                // MIN_VALUE % -1 is 0 in Java (no trap) and in SQL.
                return y == 0 ? divisionByZero(node, a, zeroIsNull) : (Integer) a % y;
            };
        };
    }

    private static Op longs(ArithmeticOperator operator, Arithmetic<?> node, boolean zeroIsNull) {
        return switch (operator) {
            case PLUS -> (a, b) -> {
                try {
                    return Math.addExact((Long) a, (Long) b);
                } catch (ArithmeticException e) {
                    throw overflow(node, a, b);
                }
            };
            case MINUS -> (a, b) -> {
                try {
                    return Math.subtractExact((Long) a, (Long) b);
                } catch (ArithmeticException e) {
                    throw overflow(node, a, b);
                }
            };
            case TIMES -> (a, b) -> {
                try {
                    return Math.multiplyExact((Long) a, (Long) b);
                } catch (ArithmeticException e) {
                    throw overflow(node, a, b);
                }
            };
            case DIVIDE -> (a, b) -> {
                long x = (Long) a;
                long y = (Long) b;
                if (y == 0) {
                    return divisionByZero(node, a, zeroIsNull);
                }
                if (x == Long.MIN_VALUE && y == -1) {
                    throw overflow(node, a, b); // SQLite switches to REAL here; Java would give MIN_VALUE
                }
                return x / y;
            };
            case MOD -> (a, b) -> {
                long y = (Long) b;
                return y == 0 ? divisionByZero(node, a, zeroIsNull) : (Long) a % y;
            };
        };
    }

    private static Op doubles(ArithmeticOperator operator, Arithmetic<?> node, boolean zeroIsNull) {
        return switch (operator) {
            case PLUS -> (a, b) -> finite(node, a, b, (Double) a + (Double) b);
            case MINUS -> (a, b) -> finite(node, a, b, (Double) a - (Double) b);
            case TIMES -> (a, b) -> finite(node, a, b, (Double) a * (Double) b);
            case DIVIDE -> (a, b) -> {
                double y = (Double) b;
                // 0.0 and -0.0 alike: SQLite tests the divisor with == 0.
                return y == 0 ? divisionByZero(node, a, zeroIsNull) : finite(node, a, b, (Double) a / y);
            };
            case MOD -> throw new IllegalArgumentException("the AST allows MOD only on integers: " + node);
        };
    }

    /**
     * A NaN or infinite result is unknowable: SQLite stores NaN as NULL and keeps infinities,
     * PostgreSQL raises an error on overflow; a dialect hook can refine this if ever needed.
     */
    private static Object finite(Arithmetic<?> node, Object a, Object b, double result) {
        if (Double.isNaN(result) || Double.isInfinite(result)) {
            throw new EvaluationException(node + " with " + a + " and " + b + " gives " + result
                    + ", which databases handle differently");
        }
        return result;
    }

    private static Object divisionByZero(Arithmetic<?> node, Object a, boolean zeroIsNull) {
        if (zeroIsNull) {
            return null;
        }
        throw new EvaluationException(node + " divides " + a + " by zero, which is an error in this database");
    }

    private static EvaluationException overflow(Arithmetic<?> node, Object a, Object b) {
        return new EvaluationException(node + " overflows " + node.type().getSimpleName() + " with " + a + " and " + b);
    }
}
