package io.athanor.sql;

import io.athanor.sql.internal.JdbcFailures;
import io.athanor.sql.internal.ResultCursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One database transaction on one pooled connection. Statements run through it see each other's
 * effects; nothing is visible to others until {@link #commit()}. {@link #close()} rolls back what
 * was not committed and returns the connection to the pool. Not thread-safe.
 */
public final class Transaction implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Transaction.class);
    private static final int FETCH_SIZE = 512;

    private final Database database;
    private final Connection connection;
    private final boolean restoreAutoCommit;
    private final Opened opened;
    /** The database's writer turn when it has one (SQLite), else null. */
    private final WriterSlot slot;
    /** True while this transaction holds {@link #slot}. */
    private boolean writing;
    /** True if this transaction began with the write lock (BEGIN IMMEDIATE) and must restore the default mode. */
    private boolean immediate;
    private boolean open = true;

    Transaction(Database database, Connection connection, boolean restoreAutoCommit, Opened opened, WriterSlot slot,
            boolean writing, boolean immediate) {
        this.database = database;
        this.connection = connection;
        this.restoreAutoCommit = restoreAutoCommit;
        this.opened = opened;
        this.slot = slot;
        this.writing = writing;
        this.immediate = immediate;
    }

    public Database database() {
        return database;
    }

    /** The JDBC connection, for work the SQL layer does not cover. Do not commit or close it directly. */
    public Connection connection() {
        requireOpen();
        return connection;
    }

    public boolean isOpen() {
        return open;
    }

    /** Runs an INSERT, UPDATE or DELETE without RETURNING; returns the number of rows it matched. */
    public long execute(Statement statement) {
        CompiledSql c = database.compile(statement);
        if (c.resultCount() > 0) {
            throw new SqlException("a statement with RETURNING produces rows: run it with query(...)", c.sql(), null);
        }
        return execute(c, null);
    }

    /** Runs a compiled DML statement once, with {@code row} filling its placeholders; returns the row count. */
    public long execute(CompiledSql compiled, Object[] row) {
        requireOpen();
        awaitWriterTurn();
        database.announce(compiled, 1, row);
        try (PreparedStatement ps = connection.prepareStatement(compiled.sql())) {
            compiled.bind(ps, row);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(compiled.sql(), e);
        }
    }

    /** Runs a SELECT, or DML with RETURNING, and maps every row. */
    public <R> List<R> query(Statement statement, RowMapper<R> mapper) {
        return query(database.compile(statement), null, mapper, selected(statement));
    }

    /**
     * Runs {@code statement}, already compiled as {@code compiled} (by {@link Database#compile}), and
     * maps every row; rows read by expression ({@code row.get(column)}) as with {@link #query(Statement, RowMapper)}.
     */
    public <R> List<R> query(Statement statement, CompiledSql compiled, RowMapper<R> mapper) {
        return query(compiled, null, mapper, selected(statement));
    }

    /** Runs a compiled statement that produces rows, with {@code row} filling its placeholders. */
    public <R> List<R> query(CompiledSql compiled, Object[] row, RowMapper<R> mapper) {
        return query(compiled, row, mapper, List.of());
    }

    private <R> List<R> query(CompiledSql compiled, Object[] row, RowMapper<R> mapper, List<? extends Expression<?>> selected) {
        try (Stream<R> s = stream(compiled, row, mapper, selected)) {
            return s.toList();
        }
    }

    /**
     * Streams the rows of a SELECT as they are read from the database: nothing is loaded ahead.
     * Close the stream (try-with-resources) to release the result set.
     */
    public <R> Stream<R> stream(Statement statement, RowMapper<R> mapper) {
        return stream(database.compile(statement), null, mapper, selected(statement));
    }

    /** Streams the rows of a compiled statement; see {@link #stream(Statement, RowMapper)}. */
    public <R> Stream<R> stream(CompiledSql compiled, Object[] row, RowMapper<R> mapper) {
        return stream(compiled, row, mapper, List.of());
    }

    private <R> Stream<R> stream(CompiledSql compiled, Object[] row, RowMapper<R> mapper,
            List<? extends Expression<?>> selected) {
        requireOpen();
        if (compiled.kind() != StatementKind.SELECT) {
            awaitWriterTurn();
        }
        database.announce(compiled, 1, row);
        PreparedStatement ps = null;
        try {
            ps = connection.prepareStatement(compiled.sql());
            ps.setFetchSize(FETCH_SIZE);
            compiled.bind(ps, row);
            ResultSet rs = ps.executeQuery();
            return ResultCursor.stream(ps, rs, compiled, selected, mapper);
        } catch (SQLException e) {
            closeQuietly(ps, e);
            throw failure(compiled.sql(), e);
        }
    }

    /** Runs a compiled DML statement for each row of values as one JDBC batch; returns each row's count. */
    public int[] executeBatch(CompiledSql compiled, List<Object[]> rows) {
        requireOpen();
        if (rows.isEmpty()) {
            return new int[0];
        }
        awaitWriterTurn();
        database.announce(compiled, rows.size(), rows.get(0));
        try (PreparedStatement ps = connection.prepareStatement(compiled.sql())) {
            for (Object[] row : rows) {
                compiled.bind(ps, row);
                ps.addBatch();
            }
            return ps.executeBatch();
        } catch (SQLException e) {
            throw failure(compiled.sql(), e);
        }
    }

    /**
     * Inserts one row per element of {@code rows} (placeholders of {@code insert} filled from each)
     * and returns the value of {@code key} the database generated for each, in the order of
     * {@code rows}. How the keys are learnt and matched to their rows is the dialect's
     * {@link io.athanor.sql.spi.KeyRetrieval}; see {@link GeneratedKeys} for why each way holds.
     */
    public <K> List<K> insertReturningKeys(Insert insert, List<Object[]> rows, Column<K> key) {
        requireOpen();
        if (rows.isEmpty()) {
            return new ArrayList<>();
        }
        awaitWriterTurn();
        try {
            return GeneratedKeys.insert(database, connection, insert, rows, key);
        } catch (SQLException e) {
            throw failure(database.compile(insert).sql(), e);
        }
    }

    /** Marks a point this transaction can roll back to without ending. */
    public Savepoint savepoint() {
        requireOpen();
        try {
            return connection.setSavepoint();
        } catch (SQLException e) {
            throw failure(null, e);
        }
    }

    /** Undoes everything done since {@code savepoint}; the transaction goes on. */
    public void rollbackTo(Savepoint savepoint) {
        requireOpen();
        try {
            connection.rollback(savepoint);
        } catch (SQLException e) {
            throw failure(null, e);
        }
    }

    /** Forgets a savepoint (its work stays). */
    public void release(Savepoint savepoint) {
        requireOpen();
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw failure(null, e);
        }
    }

    /**
     * Makes the work permanent and ends the transaction. Throws only when the COMMIT itself failed
     * (the work was then rolled back); once the database has committed, a failure to return the
     * connection to the pool is logged, not reported as a failed commit.
     */
    public void commit() {
        requireOpen();
        try {
            leaveImmediateMode();
            connection.commit();
        } catch (SQLException e) {
            SqlException failure = failure("COMMIT", e);
            try {
                end(true);
            } catch (RuntimeException rollbackFailure) {
                failure.addSuppressed(rollbackFailure);
            }
            throw failure;
        }
        try {
            end(false);
        } catch (SqlException cleanup) {
            LOG.warn("the transaction was committed, but releasing its connection failed", cleanup);
        }
    }

    /** Undoes the work and ends the transaction. */
    public void rollback() {
        if (open) {
            end(true);
        }
    }

    /** Rolls back unless committed, and returns the connection to the pool. Safe to call twice. */
    @Override
    public void close() {
        rollback();
    }

    private void end(boolean rollback) {
        open = false;
        database.ended(this);
        SQLException failure = null;
        if (rollback) {
            try {
                leaveImmediateMode();
            } catch (SQLException e) {
                failure = e;
            }
            try {
                connection.rollback();
            } catch (SQLException e) {
                failure = failure == null ? e : failure;
            }
        }
        try {
            // After a failed ROLLBACK the transaction may still be open, and turning auto-commit on
            // would COMMIT it (JDBC's rule): leave it off and let closing the connection discard it.
            if (restoreAutoCommit && failure == null) {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            failure = failure == null ? e : failure;
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                failure = failure == null ? e : failure;
            } finally {
                // Only now, with the database's lock released by COMMIT or ROLLBACK, may the next writer go.
                if (writing) {
                    writing = false;
                    slot.release();
                }
            }
        }
        if (failure != null) {
            throw failure(rollback ? "ROLLBACK" : null, failure);
        }
    }

    /**
     * Before the first write on a database with one writer at a time: wait, in line with this
     * process's other writers, for the turn (see {@link WriterSlot}).
     */
    private void awaitWriterTurn() {
        if (slot != null && !writing) {
            slot.acquire(opened);
            writing = true;
        }
    }

    /** SQLite's driver begins the next transaction at COMMIT or ROLLBACK: make that one deferred again. */
    private void leaveImmediateMode() throws SQLException {
        if (immediate) {
            immediate = false;
            database.dialect().beginImmediately(connection, false);
        }
    }

    /** Where and when this transaction was opened. */
    Opened opened() {
        return opened;
    }

    private void requireOpen() {
        if (!open) {
            throw new SqlException("this transaction has ended (committed, rolled back or closed)");
        }
    }

    private static List<? extends Expression<?>> selected(Statement statement) {
        return statement instanceof Select s ? s.columns() : returning(statement);
    }

    private static List<Column<?>> returning(Statement statement) {
        if (statement instanceof Insert i) {
            return i.returning();
        }
        if (statement instanceof Update u) {
            return u.returning();
        }
        return statement instanceof Delete d ? d.returning() : List.of();
    }

    /** Every JDBC failure of a transaction becomes an Athanor exception here, in {@link JdbcFailures}. */
    private SqlException failure(String sql, SQLException e) {
        return JdbcFailures.translate(sql, e, database.dialect());
    }

    private static void closeQuietly(AutoCloseable c, Exception primary) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                primary.addSuppressed(e);
            }
        }
    }
}
