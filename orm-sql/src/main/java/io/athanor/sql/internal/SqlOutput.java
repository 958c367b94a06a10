package io.athanor.sql.internal;

import io.athanor.sql.Column;
import io.athanor.sql.CompiledSql;
import io.athanor.sql.Expression;
import io.athanor.sql.Statement;
import io.athanor.sql.ast.Param;
import io.athanor.sql.spi.Dialect;
import io.athanor.sql.spi.SqlRenderer;
import io.athanor.sql.spi.UnsupportedTypeException;
import io.athanor.sql.spi.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link SqlCompiler} writes: the SQL text, each parameter's value type, constant or batch slot
 * and label, and each result column's value type, with the binding context (the column a value meets
 * and the stored form it is bound in) that decides them. The statement-level logic is the compiler's.
 */
abstract class SqlOutput implements SqlRenderer {
    final Dialect dialect;
    final StringBuilder sql = new StringBuilder(128);
    private final List<ValueType<?>> parameterTypes = new ArrayList<>();
    private final List<Object> constants = new ArrayList<>();
    private final List<String> parameterLabels = new ArrayList<>();
    private final List<Integer> slots = new ArrayList<>();
    final List<ValueType<?>> resultTypes = new ArrayList<>();
    final List<Boolean> resultNotNull = new ArrayList<>();
    /** The column a value is compared with or assigned to, so a type error can name it. */
    Column<?> context;
    /** The value being assigned to a column (SET, INSERT), while it is rendered; see {@link #isStoredValue}. */
    Expression<?> storedValue;
    /** The stored form in which values are bound here: that of what they are compared with or assigned to. */
    ValueType<?> contextForm;
    /** Added to each placeholder's slot: row {@code r} of a multi-row VALUES reads slots from {@code r * width}. */
    int slotOffset;

    SqlOutput(Dialect dialect) {
        this.dialect = dialect;
    }

    final CompiledSql build(Statement statement) {
        int[] slotArray = slots.stream().mapToInt(Integer::intValue).toArray();
        boolean[] notNull = new boolean[resultNotNull.size()];
        for (int i = 0; i < notNull.length; i++) {
            notNull[i] = resultNotNull.get(i);
        }
        return new CompiledSql(sql.toString(), statement.kind(), parameterTypes.toArray(ValueType<?>[]::new),
                constants.toArray(), slotArray, resultTypes.toArray(ValueType<?>[]::new), notNull,
                parameterLabels.toArray(String[]::new));
    }

    @Override
    public final boolean isStoredValue(Expression<?> e) {
        return e != null && e == storedValue;
    }

    /** Renders {@code e} with its bound values in {@code form} (when it is of that type). */
    final void withForm(ValueType<?> form, Expression<?> e) {
        inForm(form, () -> expression(e));
    }

    /** Runs {@code render} binding values in {@code form}, then restores the enclosing one. */
    final void inForm(ValueType<?> form, Runnable render) {
        ValueType<?> saved = contextForm;
        contextForm = form;
        render.run();
        contextForm = saved;
    }

    /** The value type to bind a {@code type} value with here. */
    private ValueType<?> bindingType(Class<?> type, String where) {
        return contextForm != null && contextForm.javaType() == type ? contextForm : typeOf(type, where);
    }

    final ValueType<?> typeOf(Class<?> type, String where) {
        ValueType<?> t = dialect.valueType(type);
        if (t == null) {
            throw new UnsupportedTypeException(dialect, type, where);
        }
        return t;
    }

    @Override
    public final SqlRenderer sql(String text) {
        sql.append(text);
        return this;
    }

    @Override
    public final SqlRenderer identifier(String name) {
        sql.append(dialect.quote(name));
        return this;
    }

    @Override
    public final <T> SqlRenderer bind(Class<T> type, T value) {
        String where = context != null ? "column " + context : "value " + value;
        parameterTypes.add(bindingType(type, where));
        parameterLabels.add(label());
        constants.add(value);
        slots.add(-1);
        sql.append('?');
        return this;
    }

    /** A {@code ?} filled from slot {@code param.slot()} of each row of values given to a batch. */
    final void slot(Param<?> param) {
        parameterTypes.add(bindingType(param.type(), context != null ? "column " + context : "parameter " + param));
        parameterLabels.add(label());
        constants.add(null);
        slots.add(param.slot() + slotOffset);
        sql.append('?');
    }

    /** What the next parameter is bound for, named when its value is refused. */
    private String label() {
        return context != null ? "column " + context : "parameter " + (parameterTypes.size());
    }
}
