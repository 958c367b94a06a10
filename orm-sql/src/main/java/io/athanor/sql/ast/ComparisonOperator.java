package io.athanor.sql.ast;

/** The six SQL comparison operators, with their SQL spelling. */
public enum ComparisonOperator {
    EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

    private final String sql;

    ComparisonOperator(String sql) {
        this.sql = sql;
    }

    public String sql() {
        return sql;
    }
}
