package io.athanor.orm;

import io.athanor.sql.Column;
import io.athanor.sql.Expression;
import io.athanor.sql.Ordering;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A query for objects of one entity. Builder methods return this query. Running it autoflushes
 * (when the session's autoflush is on) and returns the session's instances: a row already loaded
 * comes back as the same object, with unflushed changes kept.
 *
 * @param <E> the entity type
 */
public interface Query<E> {
    /** Adds a criterion; several are ANDed. */
    Query<E> where(Expression<Boolean> criterion);

    Query<E> orderBy(Ordering... orderings);

    Query<E> limit(int rows);

    /**
     * Loads these relationships ({@code Order_.customer}, {@code Customer_.orders}) of {@code E} for
     * every result, with one more SELECT per relationship ({@code IN} over at most 500 keys each),
     * so that reading them runs no SQL. Repeatable; with {@link #stream()}, the results are read
     * first, as {@link #list()} reads them.
     */
    Query<E> load(Relationship<?, ?>... relationships);

    Query<E> offset(int rows);

    /** Every matching object. */
    List<E> list();

    /**
     * The matching objects as they are read: rows are not loaded ahead. Close the stream (it holds a
     * result set open); objects nobody references any more can be collected while it runs.
     */
    Stream<E> stream();

    /** The first matching object, if any. */
    Optional<E> first();

    /** The one matching object; fails if there is none or more than one. */
    E one();

    /** The number of matching rows. */
    long count();

    /** Bulk UPDATE of the matching rows with {@link Synchronize#AUTO}; returns the rows matched. */
    long update(Map<? extends Column<?>, ?> values);

    /**
     * Bulk UPDATE of the matching rows in one statement. Values are Java values or expressions such as
     * {@code Stuff_.foo.plus(1)}. Returns the number of rows the database matched.
     */
    long update(Map<? extends Column<?>, ?> values, Synchronize mode);

    /**
     * Bulk UPDATE of the matching rows in one statement that returns them (SQLAlchemy 2.0's
     * {@code UPDATE ... RETURNING} of ORM objects): the session's instances of the matched rows,
     * holding the database's new values as committed state (objects not loaded yet are loaded).
     * Where the dialect has no UPDATE RETURNING (MariaDB), the keys are selected first, then the
     * rows are read back after the UPDATE, in the same transaction. Order is unspecified.
     */
    List<E> updateReturning(Map<? extends Column<?>, ?> values);

    /** Bulk DELETE of the matching rows with {@link Synchronize#AUTO}; returns the rows matched. */
    long delete();

    /** Bulk DELETE of the matching rows in one statement; returns the number of rows matched. */
    long delete(Synchronize mode);
}
