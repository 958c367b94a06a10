package io.athanor.sql.internal;

import io.athanor.sql.CompiledSql;
import io.athanor.sql.Expression;
import io.athanor.sql.Row;
import io.athanor.sql.SqlException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** A {@link Row} over the current position of a JDBC result set. */
final class ResultRow implements Row {
    private final ResultSet resultSet;
    private final CompiledSql compiled;
    private final List<? extends Expression<?>> selected;

    ResultRow(ResultSet resultSet, CompiledSql compiled, List<? extends Expression<?>> selected) {
        this.resultSet = resultSet;
        this.compiled = compiled;
        this.selected = selected;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(int index) {
        if (index < 0 || index >= compiled.resultCount()) {
            throw new IndexOutOfBoundsException("result column " + index + " of " + compiled.resultCount());
        }
        try {
            return (T) compiled.readResult(resultSet, index);
        } catch (SQLException e) {
            throw new SqlException("cannot read result column " + index + " as " + compiled.resultType(index) + ": "
                    + e.getMessage(), compiled.sql(), e);
        }
    }

    @Override
    public <T> T get(Expression<T> expression) {
        int i = selected.indexOf(expression);
        if (i < 0) {
            throw new IllegalArgumentException(expression + " is not in the select list " + selected);
        }
        return get(i);
    }
}
