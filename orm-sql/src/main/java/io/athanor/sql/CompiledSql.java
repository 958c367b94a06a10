package io.athanor.sql;

import io.athanor.sql.spi.ValueType;
import java.sql.PreparedStatement;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.time.DateTimeException;
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
    /** For each parameter, what it is bound for ("column t.c", "parameter 3"), for refusals. */
    private final String[] parameterLabels;

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
        this(sql, kind, parameterTypes, constants, slots, resultTypes, resultNotNull, null);
    }

    /**
     * @param parameterLabels for each parameter, what it is bound for, named in a refusal of its value
     *     (e.g. {@code "column orders.total"}); null for {@code "parameter <n>"}
     */
    public CompiledSql(String sql, StatementKind kind, ValueType<?>[] parameterTypes, Object[] constants,
            int[] slots, ValueType<?>[] resultTypes, boolean[] resultNotNull, String[] parameterLabels) {
        this.sql = sql;
        this.parameterLabels = parameterLabels == null ? new String[parameterTypes.length] : parameterLabels.clone();
        if (this.parameterLabels.length != parameterTypes.length) {
            throw new IllegalArgumentException(this.parameterLabels.length + " labels for " + parameterTypes.length
                    + " parameters");
        }
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

    /**
     * Binds every marker of {@code statement}; {@code row} supplies the placeholders' values. A value
     * the column cannot hold is refused here, before the statement runs, by a {@link SQLDataException}
     * (SQLState class 22) naming the column it is bound for (or the parameter's position) and the value.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void bind(PreparedStatement statement, Object[] row) throws SQLException {
        for (int i = 0; i < parameterTypes.length; i++) {
            Object v = slots[i] < 0 ? constants[i] : row[slots[i]];
            try {
                ((ValueType) parameterTypes[i]).bind(statement, i + 1, v);
            } catch (SQLDataException e) {
                throw new SQLDataException(label(i) + ": " + e.getMessage(),
                        e.getSQLState() != null ? e.getSQLState() : "22000", e);
            } catch (DateTimeException | ArithmeticException | IllegalArgumentException e) {
                // a binder's own conversion failed (e.g. a date-time its formatter cannot write)
                throw new SQLDataException(label(i) + ": the value " + v + " cannot be bound: " + e.getMessage(), "22000", e);
            }
        }
    }

    /** What parameter {@code index} (from 0) is bound for: {@code "column t.c"} or {@code "parameter n"}. */
    public String parameterLabel(int index) {
        return label(index);
    }

    private String label(int i) {
        return parameterLabels[i] != null ? parameterLabels[i] : "parameter " + (i + 1);
    }

    @Override
    public String toString() {
        return sql;
    }
}
