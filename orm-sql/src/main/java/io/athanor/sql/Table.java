package io.athanor.sql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Metadata of a table: its name and its columns in order. Immutable; built once with
 * {@link #builder(String)}, typically in a generated metamodel class:
 *
 * <pre>{@code
 * Table TABLE = Table.builder("stuff")
 *     .column("id", Long.class, ColumnOption.PRIMARY_KEY, ColumnOption.GENERATED)
 *     .column("foo", Integer.class)
 *     .build();
 * Column<Integer> foo = TABLE.column("foo", Integer.class);
 * }</pre>
 *
 * A {@code BigDecimal} column may declare its precision and scale with
 * {@link Builder#decimal(String, int, int, ColumnOption...)}. A column may reference another table's
 * (or its own table's) primary key or unique column: {@link Builder#foreignKey}, {@link #foreignKeys()}.
 */
public final class Table {
    private final String name;
    private final List<Column<?>> columns;
    private final List<Column<?>> primaryKey;
    private final Map<String, Column<?>> byName;
    private final List<ColumnSpec> specs;
    /** The name this table is read under in a statement ({@link #as}), or null for the table itself. */
    private final String alias;
    /** Set once, by {@link #buildAll}, before the table is handed out; never changed after. */
    private List<ForeignKey> foreignKeys = List.of();
    private Map<String, ForeignKey> foreignKeyByColumn = Map.of();

    private Table(String name, List<ColumnSpec> specs) {
        this(name, specs, null);
    }

    private Table(String name, List<ColumnSpec> specs, String alias) {
        this.name = name;
        this.specs = List.copyOf(specs);
        this.alias = alias;
        List<Column<?>> cols = new ArrayList<>(specs.size());
        List<Column<?>> pk = new ArrayList<>();
        Map<String, Column<?>> map = new LinkedHashMap<>();
        for (ColumnSpec s : specs) {
            Column<?> c = s.create(this, cols.size());
            cols.add(c);
            map.put(c.name(), c);
            if (c.isPrimaryKey()) {
                pk.add(c);
            }
        }
        this.columns = Collections.unmodifiableList(cols);
        this.primaryKey = List.copyOf(pk);
        this.byName = Collections.unmodifiableMap(map);
    }

    /**
     * Builds tables together, so that they may reference each other through {@link
     * Builder#foreignKey(String, Builder, String, ForeignKey.OnDelete)} (a cycle of references).
     * Returns the tables in the order of the builders.
     */
    public static List<Table> buildAll(Builder... builders) {
        Map<Builder, Table> built = new IdentityHashMap<>();
        List<Table> tables = new ArrayList<>(builders.length);
        for (Builder b : builders) {
            if (b.specs.isEmpty()) {
                throw new IllegalArgumentException("table " + b.name + " has no columns");
            }
            Table t = new Table(b.name, b.specs);
            built.put(b, t);
            tables.add(t);
        }
        for (Builder b : builders) {
            Table t = built.get(b);
            Map<String, ForeignKey> fks = new LinkedHashMap<>();
            for (ForeignKeySpec k : b.keys) {
                if (fks.putIfAbsent(k.column(), k.create(t, built)) != null) {
                    throw new IllegalArgumentException("table " + t.name + ": column " + k.column()
                            + " has two foreign keys; a column references one table");
                }
            }
            t.foreignKeys = List.copyOf(fks.values());
            t.foreignKeyByColumn = Collections.unmodifiableMap(fks);
        }
        return List.copyOf(tables);
    }

    /** The column of that name, or null (for {@link ForeignKeySpec}). */
    Column<?> columnOrNull(String columnName) {
        return byName.get(columnName);
    }

    /**
     * This table read under another name, as in {@code FROM users AS boss}: its columns are distinct
     * expressions from this table's (and from another alias's), so one statement can read a table
     * twice (a self-join) or a subquery can read the table its enclosing statement reads. An alias
     * has the same name, columns and types, but no foreign keys, and is only for reading: statements
     * that write refuse it. {@code as} of an alias aliases the table itself.
     */
    public Table as(String aliasName) {
        Objects.requireNonNull(aliasName, "alias");
        if (aliasName.isBlank()) {
            throw new IllegalArgumentException("alias of table " + name + " is blank");
        }
        return new Table(name, specs, aliasName);
    }

    /** The alias given with {@link #as}, or null when this is the table itself. */
    public String alias() {
        return alias;
    }

    /** The name SQL refers to this FROM item by: the alias, or the table's name. */
    public String exposedName() {
        return alias != null ? alias : name;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** All columns, in definition order ({@link Column#index()} is the position here). */
    public List<Column<?>> columns() {
        return columns;
    }

    public List<Column<?>> primaryKey() {
        return primaryKey;
    }

    /** The foreign keys of this table, in the order they were declared. */
    public List<ForeignKey> foreignKeys() {
        return foreignKeys;
    }

    /** The foreign key whose referencing column is {@code column}, or empty. */
    public Optional<ForeignKey> foreignKey(Column<?> column) {
        ForeignKey fk = foreignKeyByColumn.get(column.name());
        return fk != null && fk.column().equals(column) ? Optional.of(fk) : Optional.empty();
    }

    /** The column of that name; fails naming the table and its columns when there is none. */
    public Column<?> column(String columnName) {
        Column<?> c = byName.get(columnName);
        if (c == null) {
            throw new IllegalArgumentException("table " + name + " has no column " + columnName
                    + "; it has " + byName.keySet());
        }
        return c;
    }

    /** The column of that name, checked to have that Java type. */
    @SuppressWarnings("unchecked")
    public <T> Column<T> column(String columnName, Class<T> type) {
        Column<?> c = column(columnName);
        if (c.type() != type) {
            throw new IllegalArgumentException("column " + c + " is " + c.type().getName() + ", not " + type.getName());
        }
        return (Column<T>) c;
    }

    @Override
    public boolean equals(Object o) {
        // Foreign keys are constraints on the table, not part of what a statement reads: a metamodel's
        // table (which cannot refer to tables initialized after it) and the ORM's, which has them, are
        // one FROM item.
        return o instanceof Table t && name.equals(t.name) && Objects.equals(alias, t.alias) && columns.equals(t.columns);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return alias != null ? name + " AS " + alias : name;
    }

    /** Collects column definitions; {@link #build()} makes the immutable table. */
    public static final class Builder {
        private final String name;
        private final List<ColumnSpec> specs = new ArrayList<>();
        private final List<ForeignKeySpec> keys = new ArrayList<>();

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a table needs a name");
            }
            this.name = name;
        }

        public Builder column(String columnName, Class<?> type, ColumnOption... options) {
            return add(columnName, type, 0, -1, options);
        }

        /**
         * A {@code BigDecimal} column holding {@code precision} digits, {@code scale} of them after the
         * point ({@code DECIMAL(precision, scale)}); {@code precision} 0 means the dialect's largest.
         * Values with more decimal places than {@code scale} are refused, never rounded.
         */
        public Builder decimal(String columnName, int precision, int scale, ColumnOption... options) {
            checkDecimal(precision, scale).ifPresent(problem -> {
                throw new IllegalArgumentException("table " + name + ", column " + columnName + ": " + problem);
            });
            return add(columnName, BigDecimal.class, precision, scale, options);
        }

        private Builder add(String columnName, Class<?> type, int precision, int scale, ColumnOption... options) {
            Objects.requireNonNull(type, "type");
            if (columnName == null || columnName.isBlank()) {
                throw new IllegalArgumentException("table " + name + ": a column needs a name");
            }
            if (type.isPrimitive()) {
                throw new IllegalArgumentException("table " + name + ", column " + columnName
                        + ": use the boxed type, not " + type);
            }
            for (ColumnSpec s : specs) {
                if (s.name.equals(columnName)) {
                    throw new IllegalArgumentException("table " + name + " defines column " + columnName + " twice");
                }
            }
            specs.add(new ColumnSpec(columnName, type, List.of(options), precision, scale));
            return this;
        }

        /**
         * Makes {@code columnName} (defined on this builder, before or after this call) reference
         * {@code targetColumn} of {@code target}, which must be {@code target}'s single-column primary
         * key or a unique column of the same type. Building checks it, naming both columns, and
         * refuses {@link ForeignKey.OnDelete#SET_NULL} on a NOT NULL column. A column has at most
         * one foreign key.
         */
        public Builder foreignKey(String columnName, Table target, String targetColumn, ForeignKey.OnDelete onDelete) {
            return key(columnName, Objects.requireNonNull(target, "target"), null, targetColumn, onDelete);
        }

        /**
         * A foreign key, as {@link #foreignKey(String, Table, String, ForeignKey.OnDelete)} makes, to a
         * table not built yet: build both with {@link Table#buildAll}. This is how two tables
         * reference each other.
         */
        public Builder foreignKey(String columnName, Builder target, String targetColumn, ForeignKey.OnDelete onDelete) {
            return key(columnName, null, Objects.requireNonNull(target, "target"), targetColumn, onDelete);
        }

        /** A foreign key to a column of the table being built (a tree), as {@link #foreignKey} makes. */
        public Builder foreignKeyToSelf(String columnName, String targetColumn, ForeignKey.OnDelete onDelete) {
            return key(columnName, null, this, targetColumn, onDelete);
        }

        private Builder key(String columnName, Table table, Builder builder, String targetColumn,
                ForeignKey.OnDelete onDelete) {
            keys.add(new ForeignKeySpec(columnName, table, builder, targetColumn,
                    Objects.requireNonNull(onDelete, "onDelete")));
            return this;
        }

        /** The table; {@link Table#buildAll} instead if it references a table not built yet. */
        public Table build() {
            return buildAll(this).get(0);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * What is wrong with a decimal declaration of that precision and scale (0 precision: the
     * dialect's largest), or empty. The ORM checks annotations with it too, so both say the same.
     */
    public static Optional<String> checkDecimal(int precision, int scale) {
        if (scale < 0) {
            return Optional.of("scale " + scale + " is negative; declare the decimal places (0 or more)");
        }
        if (precision < 0) {
            return Optional.of("precision " + precision + " is negative");
        }
        if (precision > 0 && scale > precision) {
            return Optional.of("scale " + scale + " exceeds precision " + precision
                    + " (the total number of digits)");
        }
        return Optional.empty();
    }

    private record ColumnSpec(String name, Class<?> type, List<ColumnOption> options, int precision, int scale) {
        @SuppressWarnings({"rawtypes", "unchecked"})
        Column<?> create(Table table, int index) {
            boolean pk = options.contains(ColumnOption.PRIMARY_KEY);
            return new Column(table, name, type, index, pk,
                    !pk && !options.contains(ColumnOption.NOT_NULL),
                    options.contains(ColumnOption.GENERATED), options.contains(ColumnOption.UNIQUE), precision, scale);
        }
    }
}
