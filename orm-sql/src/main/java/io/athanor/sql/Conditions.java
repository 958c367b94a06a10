package io.athanor.sql;

import io.athanor.sql.ast.Junction;
import java.util.List;

/** Combines WHERE criteria: each added criterion is ANDed with what is there. */
final class Conditions {
    private Conditions() {
    }

    static Expression<Boolean> and(Expression<Boolean> existing, Expression<Boolean> added) {
        if (added == null) {
            throw new IllegalArgumentException("where(null): a criterion is required");
        }
        Types.requireBoolean(added, "where");
        return existing == null ? added : Junction.and(List.of(existing, added));
    }

    static List<Column<?>> columnsOf(Table table, Column<?>... columns) {
        for (Column<?> c : columns) {
            if (!c.table().name().equals(table.name())) {
                throw new IllegalArgumentException("column " + c + " is not a column of table " + table.name());
            }
        }
        return List.of(columns);
    }
}
