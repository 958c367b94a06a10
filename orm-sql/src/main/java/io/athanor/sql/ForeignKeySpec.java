package io.athanor.sql;

import java.util.Map;

/**
 * A foreign key as {@link Table.Builder} records it, made into a {@link ForeignKey} and checked by
 * {@link Table#buildAll} once every table involved exists. The target is a built table, or a builder
 * of the same {@code buildAll} call (its own builder for a self-reference).
 */
record ForeignKeySpec(String column, Table table, Table.Builder builder, String targetColumn, ForeignKey.OnDelete onDelete) {
    ForeignKey create(Table owner, Map<Table.Builder, Table> built) {
        Table to = table != null ? table : built.get(builder);
        String what = "table " + owner.name() + ", foreign key " + owner.name() + "." + column + " -> "
                + (to != null ? to.name() : builder.toString()) + "." + targetColumn + ": ";
        if (to == null) {
            throw new IllegalArgumentException(what + "table " + builder + " is not built yet; build the tables"
                    + " together with Table.buildAll(...)");
        }
        Column<?> from = owner.columnOrNull(column);
        if (from == null) {
            throw new IllegalArgumentException(what + "the table has no column " + column + "; it has "
                    + names(owner));
        }
        Column<?> ref = to.columnOrNull(targetColumn);
        if (ref == null) {
            throw new IllegalArgumentException(what + "the target has no column " + targetColumn + "; it has "
                    + names(to));
        }
        if (!ref.isUnique() && !(ref.isPrimaryKey() && to.primaryKey().size() == 1)) {
            throw new IllegalArgumentException(what + "the referenced column " + ref + " must be the target's"
                    + " single-column primary key or UNIQUE, so that it names one row");
        }
        if (from.type() != ref.type() || from.precision() != ref.precision() || from.scale() != ref.scale()) {
            throw new IllegalArgumentException(what + "column " + from + " (" + describe(from) + ") must have the"
                    + " type of " + ref + " (" + describe(ref) + ")");
        }
        if (from.isGenerated()) {
            throw new IllegalArgumentException(what + "column " + from + " is GENERATED; a foreign key takes the"
                    + " referenced row's value, so remove GENERATED");
        }
        if (onDelete == ForeignKey.OnDelete.SET_NULL && !from.isNullable()) {
            throw new IllegalArgumentException(what + "ON DELETE SET NULL needs a nullable column, but " + from
                    + " is NOT NULL; make it nullable or use CASCADE or NO_ACTION");
        }
        return new ForeignKey(from, ref, onDelete);
    }

    private static String names(Table t) {
        return t.columns().stream().map(Column::name).toList().toString();
    }

    private static String describe(Column<?> c) {
        return c.type().getSimpleName() + (c.hasDeclaredScale() ? "(" + c.precision() + "," + c.scale() + ")" : "");
    }
}
