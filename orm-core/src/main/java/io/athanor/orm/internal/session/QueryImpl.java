package io.athanor.orm.internal.session;

import io.athanor.orm.OrmException;
import io.athanor.orm.Query;
import io.athanor.orm.Relationship;
import io.athanor.orm.Synchronize;
import io.athanor.orm.internal.mapping.Attribute;
import io.athanor.orm.internal.mapping.PropertyMapping;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.sql.Column;
import io.athanor.sql.CompiledSql;
import io.athanor.sql.Expression;
import io.athanor.sql.Ordering;
import io.athanor.sql.Select;
import io.athanor.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** A query for one entity: criteria and paging collected here, rows turned into objects by the {@link Loader}. */
final class QueryImpl<E> implements Query<E> {
    private final SessionImpl session;
    private final EntityMapping<E> mapping;
    private final List<Expression<Boolean>> criteria = new ArrayList<>();
    private final List<Ordering> orderings = new ArrayList<>();
    private Integer limit;
    private Integer offset;
    /** Relationships to load for every result ({@link #load}). */
    private final List<Attribute> loads = new ArrayList<>();

    QueryImpl(SessionImpl session, EntityMapping<E> mapping) {
        this.session = session;
        this.mapping = mapping;
    }

    @Override
    public Query<E> where(Expression<Boolean> criterion) {
        if (criterion == null) {
            throw new OrmException("where(null) on a query for " + mapping.name() + ": give a condition");
        }
        criteria.add(criterion);
        return this;
    }

    @Override
    public Query<E> orderBy(Ordering... items) {
        if (items == null) {
            throw new OrmException("orderBy(null) on a query for " + mapping.name());
        }
        for (int i = 0; i < items.length; i++) {
            if (items[i] == null) {
                throw new OrmException("orderBy(...) on a query for " + mapping.name() + ": ordering " + (i + 1) + " is null");
            }
        }
        orderings.addAll(List.of(items));
        return this;
    }

    @Override
    public Query<E> load(Relationship<?, ?>... relationships) {
        if (relationships == null) {
            throw new OrmException("load(null) on a query for " + mapping.name());
        }
        for (Relationship<?, ?> r : relationships) {
            Attribute a = r == null || r.ownerType() != mapping.type() ? null : mapping.attribute(r.name());
            if (a == null || a instanceof PropertyMapping) {
                throw new OrmException("load(" + r + ") on a query for " + mapping.name() + ": not a relationship of "
                        + mapping.name() + "; its relationships: " + mapping.attributes().stream()
                        .filter(x -> !(x instanceof PropertyMapping)).map(Attribute::name).toList());
            }
            if (!loads.contains(a)) {
                loads.add(a);
            }
        }
        return this;
    }

    /** Loads the requested relationships for every result, one SELECT per relationship and 500 keys. */
    private List<E> loaded(List<E> results) {
        if (!loads.isEmpty() && !results.isEmpty()) {
            List<InstanceState> states = new ArrayList<>(results.size());
            for (E e : results) {
                states.add(session.stateOf(e));
            }
            for (Attribute a : loads) {
                session.relations().loadAll(states, a);
            }
        }
        return results;
    }

    @Override
    public Query<E> limit(int rows) {
        if (rows < 0) {
            throw new OrmException("limit(" + rows + ") on a query for " + mapping.name() + ": must be >= 0");
        }
        limit = rows;
        return this;
    }

    @Override
    public Query<E> offset(int rows) {
        if (rows < 0) {
            throw new OrmException("offset(" + rows + ") on a query for " + mapping.name() + ": must be >= 0");
        }
        offset = rows;
        return this;
    }

    @Override
    public List<E> list() {
        List<E> results;
        try (Stream<E> s = rows()) {
            results = s.toList();
        }
        return entered(() -> loaded(results));
    }

    /**
     * The results as they are read. With {@link #load}, the results are read first and the
     * relationships loaded for all of them, as {@link #list()} does.
     */
    @Override
    public Stream<E> stream() {
        return loads.isEmpty() ? rows() : list().stream();
    }

    private Stream<E> rows() {
        return entered(() -> {
            CompiledSql statement = compiled(select(session.persister(mapping).selectAll(), true));
            session.autoflush();
            SessionTransaction sql = session.sql();
            Stream<E> rows = sql.run(tx -> tx.stream(statement, null, loaderMapper()));
            return GuardedStream.of(rows, sql);
        });
    }

    @Override
    public Optional<E> first() {
        return entered(() -> {
            CompiledSql one = compiled(firstRows(1));
            session.autoflush();
            return loaded(session.sql().run(tx -> tx.query(one, null, loaderMapper()))).stream().findFirst();
        });
    }

    @Override
    public E one() {
        return entered(() -> {
            CompiledSql two = compiled(firstRows(2));
            session.autoflush();
            List<E> found = session.sql().run(tx -> tx.query(two, null, loaderMapper()));
            if (found.size() != 1) {
                throw new OrmException("expected exactly one " + mapping.name() + " where " + describeCriteria() + ", found "
                        + (found.isEmpty() ? "none" : "more than one"));
            }
            return loaded(found).get(0);
        });
    }

    @Override
    public long count() {
        return entered(() -> {
            if (limit != null || offset != null) {
                throw new OrmException("count() of a " + mapping.name() + " query ignores limit/offset; remove them to count all matches");
            }
            CompiledSql statement = compiled(select(Sql.select(Sql.count()).from(mapping.table()), false));
            session.autoflush();
            return session.sql().run(tx -> tx.query(statement, null, r -> r.<Long>get(0))).get(0);
        });
    }

    @Override
    public long update(Map<? extends Column<?>, ?> values) {
        return update(values, Synchronize.AUTO);
    }

    @Override
    public long update(Map<? extends Column<?>, ?> values, Synchronize mode) {
        return entered(() -> new BulkOperations(session).update(mapping, bulkCriteria("update"), values, mode));
    }

    @Override
    public List<E> updateReturning(Map<? extends Column<?>, ?> values) {
        return entered(() -> new BulkOperations(session).updateReturning(mapping, bulkCriteria("update"), values));
    }

    @Override
    public long delete() {
        return delete(Synchronize.AUTO);
    }

    @Override
    public long delete(Synchronize mode) {
        return entered(() -> new BulkOperations(session).delete(mapping, bulkCriteria("delete"), mode));
    }

    /**
     * The ANDed criteria for a bulk statement (null for all rows); paging or ordering is refused, and
     * so is any bulk statement in a read-only session (every bulk UPDATE and DELETE passes here first).
     */
    private Expression<Boolean> bulkCriteria(String operation) {
        session.requireWritable(operation + " " + mapping.name() + " in bulk");
        if (limit != null || offset != null || !orderings.isEmpty()) {
            throw new OrmException("a " + mapping.name() + " query with limit, offset or orderBy cannot " + operation
                    + " in bulk: one UPDATE/DELETE statement applies to every matching row; remove them");
        }
        return criteria.isEmpty() ? null : criteria.size() == 1 ? criteria.get(0)
                : Sql.and(criteria.toArray(Expression[]::new));
    }

    /** Runs a query operation holding the session for this thread (see SessionImpl). */
    private <T> T entered(Supplier<T> operation) {
        return session.owner().call(operation);
    }

    private CompiledSql compiled(Select select) {
        return session.compileBeforeAutoflush(select);
    }

    /** The query's SELECT limited to its first {@code rows} rows (after its offset). */
    private Select firstRows(int rows) {
        Select s = select(session.persister(mapping).selectAll(), false).limit(rows);
        return offset == null ? s : s.offset(offset);
    }

    private Select select(Select base, boolean paging) {
        Select s = base;
        for (Expression<Boolean> c : criteria) {
            s = s.where(c);
        }
        if (!orderings.isEmpty()) {
            s = s.orderBy(orderings.toArray(Ordering[]::new));
        }
        if (paging && limit != null) {
            s = s.limit(limit);
        }
        if (paging && offset != null) {
            s = s.offset(offset);
        }
        return s;
    }

    private io.athanor.sql.RowMapper<E> loaderMapper() {
        return session.loader().rowMapper(mapping);
    }

    private String describeCriteria() {
        return criteria.isEmpty() ? "(no criteria)" : criteria.toString();
    }
}
