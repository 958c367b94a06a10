package io.athanor.sql.ast;

/** Binary arithmetic operators, with their standard SQL spelling (dialects may render them otherwise). */
public enum ArithmeticOperator {
    PLUS("+"), MINUS("-"), TIMES("*"), DIVIDE("/"), MOD("%");

    private final String sql;

    ArithmeticOperator(String sql) {
        this.sql = sql;
    }

    public String sql() {
        return sql;
    }
}
