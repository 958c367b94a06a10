package io.athanor.sql.schema;

import io.athanor.sql.Column;
import io.athanor.sql.ForeignKey;
import io.athanor.sql.Table;
import io.athanor.sql.schema.TableDifference.Kind;
import io.athanor.sql.spi.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares a {@link Table} with what the database holds ({@link SchemaReader}) and lists every
 * difference: missing table or columns, types (judged by {@link Dialect#typeMismatch}),
 * nullability, primary key, unique columns, and, as notes, columns the table metadata does not know.
 */
public final class SchemaComparison {
    private SchemaComparison() {
    }

    /** Every difference between {@code table} and {@code found} (empty: the database has no such table). */
    public static List<TableDifference> compare(Dialect dialect, Table table, Optional<CatalogTable> found) {
        List<TableDifference> out = new ArrayList<>();
        if (found.isEmpty()) {
            out.add(new TableDifference(table.name(), null, Kind.MISSING_TABLE, "the database has no table " + table.name()));
            return out;
        }
        CatalogTable db = found.get();
        for (Column<?> c : table.columns()) {
            Optional<CatalogColumn> fc = db.column(c.name());
            if (fc.isEmpty()) {
                out.add(difference(c, Kind.MISSING_COLUMN, "the table has no column " + c.name() + " ("
                        + dialect.columnType(c) + (c.isNullable() ? "" : " NOT NULL") + " needed)"));
                continue;
            }
            compareColumn(dialect, c, fc.get(), db, out);
        }
        List<String> keyNames = table.primaryKey().stream().map(Column::name).toList();
        if (!sameNames(keyNames, db.primaryKey())) {
            out.add(new TableDifference(table.name(), null, Kind.PRIMARY_KEY, "the primary key is "
                    + (db.primaryKey().isEmpty() ? "missing" : "on " + db.primaryKey()) + ", the mapping's is on "
                    + keyNames + "; recreate the table with that key"));
        }
        for (ForeignKey fk : table.foreignKeys()) {
            compareForeignKey(fk, db, out);
        }
        for (CatalogColumn extra : db.columns()) {
            if (table.columns().stream().noneMatch(c -> c.name().equalsIgnoreCase(extra.name()))) {
                out.add(new TableDifference(table.name(), extra.name(), Kind.EXTRA_COLUMN, "column " + extra.name() + " ("
                        + extra.describe() + ") is not mapped; it is left alone"
                        + (extra.nullable() ? "" : ", and being NOT NULL without a default it would refuse inserts")));
            }
        }
        return out;
    }

    private static void compareColumn(Dialect dialect, Column<?> c, CatalogColumn fc, CatalogTable db,
            List<TableDifference> out) {
        dialect.typeMismatch(c, fc, db).ifPresent(problem -> out.add(difference(c, Kind.TYPE, problem)));
        // A primary-key column is NOT NULL in SQL; SQLite's catalog reports its INTEGER PRIMARY KEY (the
        // rowid, which cannot be null) as nullable, so the key's columns count as NOT NULL here.
        boolean nullable = fc.nullable() && db.primaryKey().stream().noneMatch(fc.name()::equalsIgnoreCase);
        if (nullable != c.isNullable()) {
            out.add(difference(c, Kind.NULLABILITY, c.isNullable()
                    ? "the column is NOT NULL but the mapping allows null; drop NOT NULL (e.g. ALTER TABLE ... ALTER COLUMN)"
                    : "the column accepts null but the mapping does not; fill the nulls and declare it NOT NULL"));
        }
        if (c.isUnique() && !db.isUnique(fc.name())) {
            out.add(difference(c, Kind.UNIQUE, "the column has no unique constraint or index of its own; add one "
                    + "(CREATE UNIQUE INDEX ... ON " + db.name() + " (" + fc.name() + "))"));
        }
    }

    private static void compareForeignKey(ForeignKey fk, CatalogTable db, List<TableDifference> out) {
        if (db.column(fk.column().name()).isEmpty() || db.foreignKeys().stream().anyMatch(k -> k.matches(fk))) {
            return; // a missing column is reported as such; its key comes with it
        }
        Optional<CatalogForeignKey> other = db.foreignKeys().stream().filter(k -> k.sameTarget(fk)).findFirst();
        out.add(difference(fk.column(), other.isPresent() ? Kind.FOREIGN_KEY : Kind.MISSING_FOREIGN_KEY, other.isPresent()
                ? "the foreign key to " + fk.target().name() + "." + fk.targetColumn().name() + " has ON DELETE "
                        + other.get().onDelete() + ", the mapping's is " + fk.onDelete() + "; replace the constraint"
                : "the column has no foreign key to " + fk.target().name() + "." + fk.targetColumn().name()
                        + " (ON DELETE " + fk.onDelete() + ")"));
    }

    private static TableDifference difference(Column<?> c, Kind kind, String detail) {
        return new TableDifference(c.table().name(), c.name(), kind, detail);
    }

    private static boolean sameNames(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equalsIgnoreCase(b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
