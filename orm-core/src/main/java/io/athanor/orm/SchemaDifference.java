package io.athanor.orm;

import io.athanor.sql.schema.TableDifference;

/**
 * One way the database differs from an entity's mapping, found by {@link Schema#validate()}.
 *
 * @param entity the entity's name (its class's simple name)
 * @param property the mapped field, or null for a difference of the whole table or an unmapped column
 * @param table the entity's table
 * @param column the column, or null for a difference of the whole table
 * @param kind what differs
 * @param detail what the database holds against what the mapping needs, and what to do
 */
public record SchemaDifference(String entity, String property, String table, String column, TableDifference.Kind kind,
        String detail) {
    /** True for a note rather than an error: a column the mapping does not know, which the ORM leaves alone. */
    public boolean isNote() {
        return kind.isNote();
    }

    /** {@code entity Stuff, property foo (column stuff.foo): detail}. */
    @Override
    public String toString() {
        String where = property != null ? "property " + property + " (column " + table + "." + column + ")"
                : column != null ? "column " + table + "." + column : "table " + table;
        return "entity " + entity + ", " + where + ": " + detail;
    }
}
