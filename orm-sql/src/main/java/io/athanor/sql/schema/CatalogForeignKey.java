package io.athanor.sql.schema;

import io.athanor.sql.ForeignKey;

/**
 * A foreign key as the database's catalog describes it (one column), read by {@link SchemaReader}.
 *
 * @param column the referencing column
 * @param targetTable the referenced table
 * @param targetColumn the referenced column
 * @param onDelete what the database does to the row when the referenced row is deleted; NO_ACTION
 *     also stands for RESTRICT, which refuses the delete just the same
 */
public record CatalogForeignKey(String column, String targetTable, String targetColumn, ForeignKey.OnDelete onDelete) {
    /** True when this key is {@code fk}: same columns and tables (names compared ignoring case) and same ON DELETE. */
    public boolean matches(ForeignKey fk) {
        return sameTarget(fk) && onDelete == fk.onDelete();
    }

    /** True when this key joins the same columns as {@code fk}, whatever its ON DELETE. */
    public boolean sameTarget(ForeignKey fk) {
        return column.equalsIgnoreCase(fk.column().name()) && targetTable.equalsIgnoreCase(fk.target().name())
                && targetColumn.equalsIgnoreCase(fk.targetColumn().name());
    }
}
