package io.athanor.sql.ast;

import io.athanor.sql.Select;
import java.util.Objects;

/** Checks shared by the nodes that hold a subquery. */
final class Subqueries {
    private Subqueries() {
    }

    /** {@code subquery}, checked to have a FROM table and one selected expression (of {@code type}, when given). */
    static Select requireSingle(Select subquery, Class<?> type, String what) {
        Objects.requireNonNull(subquery, what);
        if (subquery.table() == null) {
            throw new IllegalArgumentException(what + " has no FROM table: call from(table)");
        }
        if (subquery.columns().size() != 1) {
            throw new IllegalArgumentException(what + " must select exactly one expression, not "
                    + subquery.columns().size() + ": " + subquery.columns());
        }
        Class<?> selected = subquery.columns().get(0).type();
        if (type != null && selected != type) {
            throw new IllegalArgumentException(what + " selects " + subquery.columns().get(0) + " ("
                    + selected.getSimpleName() + "), not a " + type.getSimpleName());
        }
        return subquery;
    }
}
