package io.athanor.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 */
public final class Table {
    private final String name;
    private final List<Column<?>> columns;
    private final List<Column<?>> primaryKey;
    private final Map<String, Column<?>> byName;

    private Table(String name, List<ColumnSpec> specs) {
        this.name = name;
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
        return o instanceof Table t && name.equals(t.name) && columns.equals(t.columns);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }

    /** Collects column definitions; {@link #build()} makes the immutable table. */
    public static final class Builder {
        private final String name;
        private final List<ColumnSpec> specs = new ArrayList<>();

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a table needs a name");
            }
            this.name = name;
        }

        public Builder column(String columnName, Class<?> type, ColumnOption... options) {
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
            specs.add(new ColumnSpec(columnName, type, List.of(options)));
            return this;
        }

        public Table build() {
            if (specs.isEmpty()) {
                throw new IllegalArgumentException("table " + name + " has no columns");
            }
            return new Table(name, specs);
        }
    }

    private record ColumnSpec(String name, Class<?> type, List<ColumnOption> options) {
        @SuppressWarnings({"rawtypes", "unchecked"})
        Column<?> create(Table table, int index) {
            boolean pk = options.contains(ColumnOption.PRIMARY_KEY);
            return new Column(table, name, type, index, pk,
                    !pk && !options.contains(ColumnOption.NOT_NULL),
                    options.contains(ColumnOption.GENERATED), options.contains(ColumnOption.UNIQUE));
        }
    }
}
