package io.athanor.sql;

import io.athanor.sql.ast.ExpressionVisitor;
import java.util.Objects;
import java.util.Optional;

/**
 * A column of a {@link Table}: its name, Java type, constraints and, for decimals, precision and scale. A column is an expression, so
 * it can be compared, computed with and selected. Columns are created only by {@link Table.Builder}
 * and are equal when their table names, table aliases ({@link Table#as}) and column names are.
 *
 * @param <T> the Java type of the column's values (boxed)
 */
public final class Column<T> implements Expression<T> {
    private final Table table;
    private final String name;
    private final Class<T> type;
    private final int index;
    private final boolean primaryKey;
    private final boolean nullable;
    private final boolean generated;
    private final boolean unique;
    private final int precision;
    private final int scale;

    Column(Table table, String name, Class<T> type, int index, boolean primaryKey, boolean nullable,
            boolean generated, boolean unique, int precision, int scale) {
        this.table = table;
        this.name = name;
        this.type = type;
        this.index = index;
        this.primaryKey = primaryKey;
        this.nullable = nullable;
        this.generated = generated;
        this.unique = unique;
        this.precision = precision;
        this.scale = scale;
    }

    public Table table() {
        return table;
    }

    public String name() {
        return name;
    }

    @Override
    public Class<T> type() {
        return type;
    }

    /** Position of this column in its table, from 0. */
    public int index() {
        return index;
    }

    public boolean isPrimaryKey() {
        return primaryKey;
    }

    public boolean isNullable() {
        return nullable;
    }

    /** True when the database assigns the value if an insert leaves it out. */
    public boolean isGenerated() {
        return generated;
    }

    public boolean isUnique() {
        return unique;
    }

    /**
     * The total number of digits a decimal column holds, as declared with {@link Table.Builder#decimal};
     * 0 when not declared (each dialect then uses its largest; see {@link #scale()}).
     */
    public int precision() {
        return precision;
    }

    /**
     * The number of decimal places a decimal column holds, as declared with {@link Table.Builder#decimal};
     * -1 when not declared. Dialects store and compare a column that declares its scale exactly at
     * that scale, and refuse values with more places rather than round them.
     */
    public int scale() {
        return scale;
    }

    /** True for a decimal column that declares its scale (and so its precision, or the dialect's largest). */
    public boolean hasDeclaredScale() {
        return scale >= 0;
    }

    /** The foreign key this column is the referencing column of, or empty ({@link Table#foreignKey(Column)}). */
    public Optional<ForeignKey> references() {
        return table.foreignKey(this);
    }

    @Override
    public <R> R accept(ExpressionVisitor<R> visitor) {
        return visitor.visitColumn(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Column<?> c && name.equals(c.name) && table.name().equals(c.table.name())
                && Objects.equals(table.alias(), c.table.alias());
    }

    @Override
    public int hashCode() {
        return Objects.hash(table.name(), table.alias(), name);
    }

    /** {@code table.column} ({@code alias.column} for a column of a {@link Table#as table alias}), for messages. */
    @Override
    public String toString() {
        return table.exposedName() + "." + name;
    }
}
