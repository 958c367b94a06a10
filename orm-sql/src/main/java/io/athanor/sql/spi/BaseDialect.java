package io.athanor.sql.spi;

import io.athanor.sql.Column;
import io.athanor.sql.StatementKind;
import java.math.BigDecimal;
import java.sql.Types;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A dialect as data: a table of value types, the statement kinds that take RETURNING, and a name.
 * Enums are stored by name, through the dialect's {@code String} type. Subclasses register their
 * types in the constructor and override the hooks of {@link Dialect} where their database differs.
 */
public abstract class BaseDialect implements Dialect {
    private final String name;
    private final Set<StatementKind> returning;
    private final Map<Class<?>, ValueType<?>> types = new HashMap<>();
    private final Map<Class<?>, ValueType<?>> enumTypes = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param name a short name for messages
     * @param returning the statement kinds for which this database supports RETURNING
     */
    protected BaseDialect(String name, Set<StatementKind> returning) {
        this.name = name;
        this.returning = returning.isEmpty() ? EnumSet.noneOf(StatementKind.class) : EnumSet.copyOf(returning);
    }

    /** Adds or replaces the value type for its Java type. Call only from the constructor. */
    protected final void register(ValueType<?> type) {
        types.put(type.javaType(), type);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean supportsReturning(StatementKind kind) {
        return returning.contains(kind);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ValueType<T> valueType(Class<T> javaType) {
        ValueType<?> t = types.get(javaType);
        if (t == null && javaType.isEnum()) {
            t = enumTypes.computeIfAbsent(javaType, this::enumType);
        }
        return (ValueType<T>) t;
    }

    /**
     * A decimal column that declares its scale is stored by {@link #declaredDecimal}; every other
     * column as its Java type.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> ValueType<T> valueType(Column<T> column) {
        if (column.hasDeclaredScale()) {
            int precision = column.precision() > 0 ? column.precision() : largestDecimalPrecision();
            return (ValueType<T>) declaredDecimal(column, precision, column.scale());
        }
        return valueType(column.type());
    }

    /**
     * How a decimal column of that precision and scale is stored. The default is the standard
     * {@code DECIMAL(p,s)}, refusing values the column cannot hold ({@link Decimals#fit}), since
     * databases round extra decimal places silently.
     */
    protected ValueType<BigDecimal> declaredDecimal(Column<?> column, int precision, int scale) {
        return Decimals.fixedPoint("DECIMAL(" + precision + "," + scale + ")", Types.DECIMAL, precision, scale,
                "column " + column);
    }

    /** The precision of a decimal column that declares only its scale; the default is 38 digits. */
    protected int largestDecimalPrecision() {
        return 38;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ValueType<?> enumType(Class<?> enumClass) {
        ValueType<String> text = valueType(String.class);
        Class<Enum> e = (Class<Enum>) enumClass;
        return ValueType.of(e, text.ddlType(), Types.VARCHAR,
                (ps, i, v) -> text.bind(ps, i, v.name()),
                (rs, i) -> {
                    String s = text.read(rs, i);
                    if (s == null) {
                        return null;
                    }
                    try {
                        return Enum.valueOf(e, s);
                    } catch (IllegalArgumentException ex) {
                        throw new java.sql.SQLDataException("no constant " + s + " in enum " + e.getName(), ex);
                    }
                });
    }

    @Override
    public String toString() {
        return name;
    }
}
