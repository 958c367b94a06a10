package io.athanor.sql;

/** Type checks shared by the expression builders; failures name the expression at fault. */
final class Types {
    private Types() {
    }

    @SuppressWarnings("unchecked")
    static Expression<String> requireString(Expression<?> e, String operator) {
        if (e.type() != String.class) {
            throw new IllegalArgumentException(operator + " needs a String expression, but " + e
                    + " is " + e.type().getSimpleName());
        }
        return (Expression<String>) e;
    }

    @SuppressWarnings("unchecked")
    static Expression<Boolean> requireBoolean(Expression<?> e, String operator) {
        if (e.type() != Boolean.class) {
            throw new IllegalArgumentException(operator + " needs a Boolean expression, but " + e
                    + " is " + e.type().getSimpleName());
        }
        return (Expression<Boolean>) e;
    }
}
