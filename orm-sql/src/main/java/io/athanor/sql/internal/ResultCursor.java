package io.athanor.sql.internal;

import io.athanor.sql.CompiledSql;
import io.athanor.sql.Expression;
import io.athanor.sql.RowMapper;
import io.athanor.sql.SqlException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** A stream over a JDBC result set that reads one row per element and closes the result set with the stream. */
public final class ResultCursor<R> extends Spliterators.AbstractSpliterator<R> {
    private final ResultSet resultSet;
    private final ResultRow row;
    private final RowMapper<R> mapper;
    private final String sql;

    private ResultCursor(ResultSet resultSet, CompiledSql compiled, List<? extends Expression<?>> selected, RowMapper<R> mapper) {
        super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
        this.resultSet = resultSet;
        this.row = new ResultRow(resultSet, compiled, selected);
        this.mapper = mapper;
        this.sql = compiled.sql();
    }

    /** The stream of mapped rows; closing it closes {@code resultSet} and {@code statement}. */
    public static <R> Stream<R> stream(PreparedStatement statement, ResultSet resultSet, CompiledSql compiled,
            List<? extends Expression<?>> selected, RowMapper<R> mapper) {
        return StreamSupport.stream(new ResultCursor<>(resultSet, compiled, selected, mapper), false)
                .onClose(() -> {
                    try (statement; resultSet) {
                        // closing both, result set first
                    } catch (SQLException e) {
                        throw new SqlException("cannot close result set: " + e.getMessage(), compiled.sql(), e);
                    }
                });
    }

    @Override
    public boolean tryAdvance(Consumer<? super R> action) {
        try {
            if (!resultSet.next()) {
                return false;
            }
        } catch (SQLException e) {
            throw new SqlException(e.getMessage(), sql, e);
        }
        action.accept(mapper.map(row));
        return true;
    }
}
