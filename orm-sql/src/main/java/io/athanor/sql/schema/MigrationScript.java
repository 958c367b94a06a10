package io.athanor.sql.schema;

import io.athanor.sql.Column;
import io.athanor.sql.ForeignKey;
import io.athanor.sql.Table;
import io.athanor.sql.internal.Ddl;
import io.athanor.sql.internal.TableCreation;
import java.util.ArrayList;
import java.util.Map;
import io.athanor.sql.spi.Dialect;
import java.math.BigDecimal;
import java.util.List;

/**
 * Writes the non-destructive DDL that brings a database table to its {@link Table} metadata, from
 * the differences {@link SchemaComparison} found, as text for review or a migration tool; it never
 * runs anything. What it writes:
 * <ul>
 * <li>a missing table: the dialect's CREATE TABLE (as {@code Database.createTableSql}) and the
 *     indexes of its foreign-key columns (as {@code Database.createTables} creates them);</li>
 * <li>a missing column: {@code ALTER TABLE ... ADD COLUMN} with the dialect's type. A NOT NULL column
 * gets a DEFAULT that existing rows take, stated in a comment line: {@code 0} for Integer, Long,
 * Double and BigDecimal, {@code FALSE} for Boolean, {@code ''} for String. Other NOT NULL types
 * (dates and times, UUID, enums, byte[]) have no value a migration could choose for existing rows:
 * the script says so in a comment and adds nothing. A unique column gets its own
 * {@code CREATE UNIQUE INDEX} (SQLite cannot add a UNIQUE column);</li>
 * <li>every other difference (type, nullability, primary key, a missing unique constraint, a missing
 * key or generated column): a comment line saying what to change by hand. Extra columns: nothing.</li>
 * </ul>
 * Each statement ends with {@code ;} on a line of its own; comment lines start with {@code --}.
 */
public final class MigrationScript {
    private MigrationScript() {
    }

    /** The script for one table: empty when {@code differences} holds nothing but notes. */
    public static String forTable(Dialect dialect, Table table, List<TableDifference> differences) {
        return forTables(dialect, Map.of(table, differences));
    }

    /**
     * The script for several tables, in dependency order: a missing table is created after the
     * tables it references (as {@code Database.createTables} orders them); where a cycle keeps a
     * foreign key out of CREATE TABLE, an {@code ALTER TABLE ... ADD FOREIGN KEY} follows them.
     */
    public static String forTables(Dialect dialect, Map<Table, List<TableDifference>> differences) {
        TableCreation plan = TableCreation.plan(dialect, differences.keySet().toArray(Table[]::new));
        StringBuilder out = new StringBuilder();
        List<ForeignKey> deferred = new ArrayList<>();
        for (Table table : plan.order()) {
            List<TableDifference> found = differences.getOrDefault(table, List.of());
            boolean created = found.stream().anyMatch(d -> d.kind() == TableDifference.Kind.MISSING_TABLE);
            if (created) {
                table.foreignKeys().stream().filter(plan.deferred()::contains).forEach(deferred::add);
            }
            forOneTable(out, dialect, table, found, plan.deferred());
        }
        deferred.forEach(fk -> statement(out, Ddl.addForeignKey(dialect, fk)));
        return out.toString();
    }

    private static void forOneTable(StringBuilder out, Dialect dialect, Table table, List<TableDifference> differences,
            java.util.Set<ForeignKey> deferred) {
        for (TableDifference d : differences) {
            switch (d.kind()) {
                case MISSING_TABLE -> {
                    statement(out, Ddl.createTable(dialect, table, deferred));
                    for (ForeignKey fk : table.foreignKeys()) {
                        if (Ddl.needsIndex(dialect, fk)) { // as createTables indexes it
                            statement(out, Ddl.createForeignKeyIndex(dialect, fk));
                        }
                    }
                }
                case MISSING_COLUMN -> addColumn(out, dialect, table.column(d.column()));
                case MISSING_FOREIGN_KEY -> addForeignKey(out, dialect, table.foreignKey(table.column(d.column())).orElseThrow(), d);
                case EXTRA_COLUMN -> { }
                default -> comment(out, "by hand: " + d);
            }
        }
    }

    private static void addColumn(StringBuilder out, Dialect dialect, Column<?> c) {
        if (c.isPrimaryKey() || c.isGenerated()) {
            comment(out, "by hand: " + c + " is " + (c.isPrimaryKey() ? "a primary key column" : "generated")
                    + "; it cannot be added to existing rows: recreate the table and copy the rows");
            return;
        }
        String defaultValue = c.isNullable() ? null : defaultFor(c.type());
        if (!c.isNullable() && defaultValue == null) {
            comment(out, "by hand: " + c + " is NOT NULL and Java " + c.type().getSimpleName() + " has no default "
                    + "for existing rows: add it without NOT NULL, fill it, then declare it NOT NULL");
            return;
        }
        String table = dialect.quote(c.table().name());
        StringBuilder sql = new StringBuilder("ALTER TABLE ").append(table).append(" ADD COLUMN ")
                .append(dialect.quote(c.name())).append(' ').append(dialect.columnType(c));
        if (defaultValue != null) {
            comment(out, c + " is NOT NULL: existing rows get DEFAULT " + defaultValue);
            sql.append(" NOT NULL DEFAULT ").append(defaultValue);
        }
        statement(out, sql.toString());
        if (c.isUnique()) {
            if (defaultValue != null) {
                comment(out, "the unique index fails if more than one row has that default: give them distinct values first");
            }
            statement(out, "CREATE UNIQUE INDEX " + dialect.quote(c.table().name() + "_" + c.name() + "_key") + " ON "
                    + table + " (" + dialect.quote(c.name()) + ")");
        }
    }

    /**
     * A missing foreign key: {@code ALTER TABLE ... ADD FOREIGN KEY} where the dialect can add one
     * ({@link Dialect#canAddForeignKey()}); otherwise (SQLite) a comment saying how to rebuild the table.
     * Existing rows must satisfy the key, or the statement fails (the database checks them).
     */
    private static void addForeignKey(StringBuilder out, Dialect dialect, ForeignKey fk, TableDifference d) {
        if (!dialect.canAddForeignKey()) {
            rebuildRecipe(out, dialect, fk.table(), d);
            return;
        }
        statement(out, Ddl.addForeignKey(dialect, fk));
    }

    /**
     * SQLite's table rebuild, written as comment lines for a person to run: never as statements, since
     * it must run with foreign keys off, which SQLite ignores inside a transaction (where migration
     * tools run scripts), and with them on, the DROP would delete or refuse rows of child tables.
     */
    private static void rebuildRecipe(StringBuilder out, Dialect dialect, Table table, TableDifference d) {
        String name = dialect.quote(table.name());
        String rebuilt = dialect.quote(table.name() + "__athanor_rebuild");
        String columns = table.columns().stream().map(c -> dialect.quote(c.name()))
                .collect(java.util.stream.Collectors.joining(", "));
        comment(out, "by hand: " + d + "; " + dialect.name() + " declares foreign keys only in CREATE TABLE: rebuild "
                + table.name() + " outside any transaction, keeping its rows (add missing columns first):");
        comment(out, "  PRAGMA foreign_keys = OFF;");
        comment(out, "  BEGIN;");
        comment(out, "  " + Ddl.createTable(dialect, table).replace("CREATE TABLE IF NOT EXISTS " + name,
                "CREATE TABLE " + rebuilt) + ";");
        comment(out, "  INSERT INTO " + rebuilt + " (" + columns + ") SELECT " + columns + " FROM " + name + ";");
        comment(out, "  DROP TABLE " + name + ";");
        comment(out, "  ALTER TABLE " + rebuilt + " RENAME TO " + name + ";");
        comment(out, "  PRAGMA foreign_key_check(" + name + "); -- must return no row");
        comment(out, "  COMMIT;");
        comment(out, "  PRAGMA foreign_keys = ON;");
    }

    /** The DEFAULT existing rows take when a NOT NULL column of that type is added, or null for none. */
    static String defaultFor(Class<?> type) {
        if (type == Integer.class || type == Long.class || type == Double.class || type == BigDecimal.class) {
            return "0";
        }
        if (type == Boolean.class) {
            return "FALSE";
        }
        return type == String.class ? "''" : null;
    }

    private static void statement(StringBuilder out, String sql) {
        out.append(sql).append(";\n");
    }

    private static void comment(StringBuilder out, String text) {
        out.append("-- ").append(text.replace('\n', ' ')).append('\n');
    }
}
