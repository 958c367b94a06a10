package io.athanor.sql;

import io.athanor.sql.spi.ValueType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A statement compiled for one dialect: the SQL text, what to bind to each {@code ?} (a fixed value,
 * or slot {@code n} of a row of values for {@link io.athanor.sql.ast.Param placeholders}), and the
 * value types of the result columns. Immutable, so it can be cached and run for many rows.
 */
public final class CompiledSql {
    private final String sql;
    private final StatementKind kind;
    private final ValueType<?>[] parameterTypes;
    private final Object[] constants;
    private final int[] slots;
    private final ValueType<?>[] resultTypes;
    private final boolean[] resultNotNull;

    /**
     * @param slots for each parameter, the row slot it is read from, or -1 for {@code constants[i]}
     */
    public CompiledSql(String sql, StatementKind kind, ValueType<?>[] parameterTypes, Object[] constants,
            int[] slots, ValueType<?>[] resultTypes) {
        this(sql, kind, parameterTypes, constants, slots, resultTypes, new boolean[resultTypes.length]);
    }

    /**
     * @param resultNotNull for each result column, whether the schema declares it NOT NULL (so it is
     *     read without a null check)
     */
    public CompiledSql(String sql, StatementKind kind, ValueType<?>[] parameterTypes, Object[] constants,
            int[] slots, ValueType<?>[] resultTypes, boolean[] resultNotNull) {
        this.sql = sql;
        this.kind = kind;
        this.parameterTypes = parameterTypes.clone();
        this.constants = constants.clone();
        this.slots = slots.clone();
        this.resultTypes = resultTypes.clone();
        this.resultNotNull = resultNotNull.clone();
    }

    /** Reads result column {@code index} (from 0) of the current row with its value type. */
    public Object readResult(java.sql.ResultSet resultSet, int index) throws SQLException {
        ValueType<?> t = resultTypes[index];
        return resultNotNull[index] ? t.readNotNull(resultSet, index + 1) : t.read(resultSet, index + 1);
    }

    public String sql() {
        return sql;
    }

    public StatementKind kind() {
        return kind;
    }

    /** Number of {@code ?} markers. */
    public int parameterCount() {
        return parameterTypes.length;
    }

    /** Number of result columns (selected or returned). */
    public int resultCount() {
        return resultTypes.length;
    }

    /** The value type of result column {@code index} (from 0). */
    public ValueType<?> resultType(int index) {
        return resultTypes[index];
    }

    /** The values bound to each marker, in order, with placeholders taken from {@code row} (may be null without placeholders). */
    public List<Object> values(Object[] row) {
        List<Object> out = new ArrayList<>(constants.length);
        for (int i = 0; i < constants.length; i++) {
            out.add(slots[i] < 0 ? constants[i] : row[slots[i]]);
        }
        return Collections.unmodifiableList(out);
    }

    /** Binds every marker of {@code statement}; {@code row} supplies the placeholders' values. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void bind(PreparedStatement statement, Object[] row) throws SQLException {
        for (int i = 0; i < parameterTypes.length; i++) {
            Object v = slots[i] < 0 ? constants[i] : row[slots[i]];
            ((ValueType) parameterTypes[i]).bind(statement, i + 1, v);
        }
    }

    @Override
    public String toString() {
        return sql;
    }
}
