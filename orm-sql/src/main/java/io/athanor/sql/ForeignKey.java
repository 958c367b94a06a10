package io.athanor.sql;

import java.util.Objects;

/**
 * A foreign key of a {@link Table}: one of its columns references the primary key or a unique column
 * of a target table (possibly the same table, for trees). Declared with {@link
 * Table.Builder#foreignKey} or {@link Table.Builder#foreignKeyToSelf}, checked when the table is
 * built, and written into the table's DDL as {@code FOREIGN KEY (c) REFERENCES t (k) ON DELETE ...}.
 * Immutable; equal when table, column, target and action are.
 */
public final class ForeignKey {
    /** What the database does to the referencing rows when the referenced row is deleted. */
    public enum OnDelete {
        /** The delete is refused while rows reference the row (the SQL default). */
        NO_ACTION("NO ACTION"),
        /** The referencing rows are deleted too (and theirs, recursively). */
        CASCADE("CASCADE"),
        /** The referencing column is set to NULL; only for a nullable column. */
        SET_NULL("SET NULL");

        private final String sql;

        OnDelete(String sql) {
            this.sql = sql;
        }

        /** The action in SQL's words, e.g. {@code SET NULL}. */
        public String sql() {
            return sql;
        }
    }

    private final Column<?> column;
    private final Column<?> targetColumn;
    private final OnDelete onDelete;

    ForeignKey(Column<?> column, Column<?> targetColumn, OnDelete onDelete) {
        this.column = column;
        this.targetColumn = targetColumn;
        this.onDelete = onDelete;
    }

    /** The table holding the referencing column. */
    public Table table() {
        return column.table();
    }

    /** The referencing column. */
    public Column<?> column() {
        return column;
    }

    /** The referenced table (this key's own table for a self-reference). */
    public Table target() {
        return targetColumn.table();
    }

    /** The referenced column: the target's single-column primary key or a unique column. */
    public Column<?> targetColumn() {
        return targetColumn;
    }

    public OnDelete onDelete() {
        return onDelete;
    }

    /** True when the key references its own table (a tree). */
    public boolean isSelfReference() {
        return target().name().equals(table().name());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ForeignKey k && column.equals(k.column) && targetColumn.equals(k.targetColumn)
                && onDelete == k.onDelete;
    }

    @Override
    public int hashCode() {
        return Objects.hash(column, targetColumn, onDelete);
    }

    /** {@code table.column -> target.column ON DELETE action}, for messages. */
    @Override
    public String toString() {
        return column + " -> " + targetColumn + " ON DELETE " + onDelete.sql();
    }
}
