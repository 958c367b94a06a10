package io.athanor.sql.internal;

import io.athanor.sql.Column;
import io.athanor.sql.ForeignKey;
import io.athanor.sql.Table;
import io.athanor.sql.spi.Dialect;
import java.util.List;
import java.util.Set;

/** CREATE TABLE and ADD FOREIGN KEY statements; types come from the dialect, names are quoted by it. */
public final class Ddl {
    private Ddl() {
    }

    /**
     * {@code CREATE TABLE IF NOT EXISTS ...} with column types, NOT NULL, UNIQUE, the primary key and
     * every foreign key.
     */
    public static String createTable(Dialect dialect, Table table) {
        return createTable(dialect, table, Set.of());
    }

    /** {@link #createTable(Dialect, Table)} without the foreign keys in {@code leftOut} (added later by ALTER). */
    public static String createTable(Dialect dialect, Table table, Set<ForeignKey> leftOut) {
        StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(dialect.quote(table.name())).append(" (");
        List<Column<?>> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            Column<?> c = columns.get(i);
            sb.append(i == 0 ? "" : ", ").append(dialect.quote(c.name())).append(' ').append(dialect.columnType(c));
            if (!c.isNullable()) {
                sb.append(" NOT NULL");
            }
            if (c.isUnique()) {
                sb.append(" UNIQUE");
            }
        }
        List<Column<?>> pk = table.primaryKey();
        for (int i = 0; i < pk.size(); i++) {
            sb.append(i == 0 ? ", PRIMARY KEY (" : ", ").append(dialect.quote(pk.get(i).name()));
        }
        sb.append(pk.isEmpty() ? "" : ")");
        for (ForeignKey fk : table.foreignKeys()) {
            if (!leftOut.contains(fk)) {
                sb.append(", ").append(foreignKeyClause(dialect, fk));
            }
        }
        return sb.append(')').toString();
    }

    /**
     * {@code CREATE INDEX IF NOT EXISTS t_c_fk ON t (c)} for a foreign key's column, named after table
     * and column (shortened with a hash beyond 60 characters, within every dialect's identifier limit).
     */
    public static String createForeignKeyIndex(Dialect dialect, ForeignKey fk) {
        String name = fk.table().name() + "_" + fk.column().name() + "_fk";
        if (name.length() > 60) {
            name = name.substring(0, 50) + "_" + Integer.toHexString(name.hashCode());
        }
        return "CREATE INDEX IF NOT EXISTS " + dialect.quote(name) + " ON " + dialect.quote(fk.table().name())
                + " (" + dialect.quote(fk.column().name()) + ")";
    }

    /** True when the column of {@code fk} needs an index of its own: not the key, not unique, not indexed by the database. */
    public static boolean needsIndex(Dialect dialect, ForeignKey fk) {
        return !dialect.indexesForeignKeys() && !fk.column().isPrimaryKey() && !fk.column().isUnique();
    }

    /** {@code ALTER TABLE t ADD FOREIGN KEY ...}: a key left out of CREATE TABLE because it closes a cycle. */
    public static String addForeignKey(Dialect dialect, ForeignKey fk) {
        return "ALTER TABLE " + dialect.quote(fk.table().name()) + " ADD " + foreignKeyClause(dialect, fk);
    }

    /** {@code FOREIGN KEY (c) REFERENCES t (k)}, plus {@code ON DELETE} unless NO ACTION (the default everywhere). */
    private static String foreignKeyClause(Dialect dialect, ForeignKey fk) {
        return "FOREIGN KEY (" + dialect.quote(fk.column().name()) + ") REFERENCES " + dialect.quote(fk.target().name())
                + " (" + dialect.quote(fk.targetColumn().name()) + ")"
                + (fk.onDelete() == ForeignKey.OnDelete.NO_ACTION ? "" : " ON DELETE " + fk.onDelete().sql());
    }
}
