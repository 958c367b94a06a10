package io.athanor.orm;

import io.athanor.sql.Column;
import io.athanor.sql.RowMapper;
import io.athanor.sql.Select;
import io.athanor.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * A unit of work with an identity map: objects loaded, added, changed and deleted through it are
 * written to the database by {@link #flush()} (also on {@link #commit()} and, with autoflush,
 * before each query). Not thread-safe: use one session per thread or task. Close it when done.
 */
public interface Session extends AutoCloseable {

    /** Makes a transient object pending (inserted at the next flush), or re-attaches a detached one. */
    void add(Object entity);

    /**
     * The object with that primary key: from the identity map without SQL when loaded and not
     * expired, otherwise loaded from the database; null when there is no such row.
     */
    <E> E get(Class<E> entityClass, Object id);

    /** Marks a persistent object for deletion at the next flush; a pending one is simply forgotten. */
    void delete(Object entity);

    /** Writes all pending changes to the database, in the session's transaction. */
    void flush();

    /** Flushes, commits the transaction, and (with expireOnCommit) expires every object. */
    void commit();

    /**
     * Rolls the transaction back: pending and newly inserted objects become transient, deleted ones
     * persistent again, and every object is expired. Also clears the refusal after a failed flush.
     */
    void rollback();

    /** Rolls back what is not committed and detaches every object. */
    @Override
    void close();

    /** A query for objects of that entity. */
    <E> Query<E> query(Class<E> entityClass);

    /**
     * Runs a SQL-layer statement in the session's transaction (autoflushing first); returns the row
     * count for DML. Objects in the session are not touched: expire or refresh them yourself.
     */
    long execute(Statement statement);

    /**
     * Updates rows by primary key: each map holds the key column(s) and the columns to set. Rows with
     * the same set of columns go in one JDBC batch; loaded objects get the new values.
     */
    <E> long bulkUpdate(Class<E> entityClass, List<? extends Map<? extends Column<?>, ?>> rows);

    /**
     * Inserts one new object per map (column to value; columns left out keep the field's initial
     * value, a generated key comes back from the database) and returns them, persistent in this
     * session, in input order. Every map is checked before anything is added; the rows are written by
     * a flush, in JDBC batches as any flush writes them. If that flush fails, the new objects leave the
     * session again (transient): a failed insertAll adds nothing.
     */
    <E> List<E> insertAll(Class<E> entityClass, List<? extends Map<? extends Column<?>, ?>> rows);

    /**
     * Inserts each row, or where a row with the same {@code conflictColumns} values exists (a primary
     * key or unique constraint), updates that row's other given columns; returns the objects, one per
     * input row in input order, holding the database's values as committed state (objects already in
     * the session are those instances, refreshed). PostgreSQL and SQLite: {@code INSERT ... ON
     * CONFLICT ... DO UPDATE}; MariaDB: {@code ON DUPLICATE KEY UPDATE}; each row is then read back by
     * its conflict columns. Entities with {@code @Version} are refused (an upsert would not bump it).
     */
    <E> List<E> upsert(Class<E> entityClass, List<? extends Map<? extends Column<?>, ?>> rows, Column<?>... conflictColumns);

    /**
     * Runs a SQL-layer SELECT (joins, aggregates, subqueries: see docs/sql.md) in the session's
     * transaction, after autoflushing, so it sees the session's unflushed changes; each row is turned
     * into a {@code T} by {@code mapper}. The statement is compiled before the autoflush, so one the
     * SQL layer refuses fails before any SQL runs. A failure while it runs rolls the transaction back
     * and puts the session in its failed state, as any statement of the session does. Objects in the
     * session are not touched.
     */
    <T> List<T> select(Select statement, RowMapper<T> mapper);

    /** Drops the loaded values (and unflushed changes) of a persistent object; the next read reloads. */
    void expire(Object entity);

    /**
     * Drops the loaded values (and unflushed changes) of only these attributes of a persistent object,
     * given as columns of its entity's table; the next read of each reloads it. Refuses a column not of
     * the entity's table (or of an alias of it), and the primary key. An object of a class that is not
     * enhanced has no interception to reload lazily: it is refreshed from its row at once.
     */
    void expire(Object entity, Column<?>... attributes);

    /** Expires every object in the session. */
    void expireAll();

    /** Reloads a persistent object's values from the database now. */
    void refresh(Object entity);

    /** Removes an object from the session; it becomes detached (or transient if it was pending). */
    void expunge(Object entity);

    /** True if the object belongs to this session. */
    boolean contains(Object entity);

    /** True if the object has changes a flush would write (new, deleted, or changed values). */
    boolean isDirty(Object entity);

    /** The object's state with respect to this session. */
    ObjectState state(Object entity);

    /**
     * The actions of the last flush of this session that wrote rows, in the order they ran, one line
     * each ({@code INSERT customer x3}, {@code INSERT category x4 (round 2)}, {@code POST-UPDATE ...}):
     * how the unit of work ordered a graph of objects. Empty before the first such flush.
     */
    java.util.List<String> lastFlushPlan();
}
