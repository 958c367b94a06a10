package io.athanor.sql.spi;

import io.athanor.sql.StatementKind;
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
