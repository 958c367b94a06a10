package io.athanor.orm.internal.session;

import io.athanor.orm.ObjectState;
import io.athanor.orm.OrmException;
import io.athanor.orm.StaleObjectException;
import io.athanor.orm.Synchronize;
import io.athanor.orm.internal.evaluator.CompiledCriteria;
import io.athanor.orm.internal.evaluator.UnevaluableException;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.orm.internal.mapping.PropertyMapping;
import io.athanor.orm.internal.mapping.StoredAttribute;
import io.athanor.orm.internal.mapping.ToOneMapping;
import io.athanor.orm.internal.persistence.EntityPersister;
import io.athanor.orm.internal.persistence.RowWriter;
import io.athanor.sql.Column;
import io.athanor.sql.Delete;
import io.athanor.sql.Expression;
import io.athanor.sql.Insert;
import io.athanor.sql.RowMapper;
import io.athanor.sql.Sql;
import io.athanor.sql.Statement;
import io.athanor.sql.StatementKind;
import io.athanor.sql.Transaction;
import io.athanor.sql.Update;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Bulk UPDATE and DELETE (see docs/synchronize.md). Order of work: validate the values and, for
 * EVALUATE and AUTO, compile the criteria for Java (so an unevaluable criterion fails before any
 * SQL); autoflush; run one statement (FETCH: see {@link FetchForms} for the SELECT it may need first);
 * synchronize the objects already in the session. Returns the database's matched-row count.
 */
final class BulkOperations {
    private final SessionImpl session;

    BulkOperations(SessionImpl session) {
        this.session = session;
    }

    long update(EntityMapping<?> m, Expression<Boolean> criteria, Map<? extends Column<?>, ?> values, Synchronize mode) {
        BulkValues set = BulkValues.of(m, values);
        Plan plan = plan(m, criteria, mode, StatementKind.UPDATE);
        Update statement = updateStatement(m, set, criteria);
        session.autoflush();
        Synchronizer sync = new Synchronizer(session, m, session.context().evaluator(), set);
        return session.sql().run(tx -> {
            Matched matched = run(tx, plan, m, criteria, statement, statement.returning(m.id().column()), sync);
            sync.applyUpdate(matched.states);
            return matched.count;
        });
    }

    /** {@code UPDATE <table> SET <set> [WHERE criteria]}, compiled once before the autoflush as a check. */
    private Update updateStatement(EntityMapping<?> m, BulkValues set, Expression<Boolean> criteria) {
        Update update = set.applyTo(Sql.update(m.table()));
        Update statement = criteria == null ? update : update.where(criteria);
        session.compileBeforeAutoflush(statement);
        return statement;
    }

    /**
     * One UPDATE returning every column of the matched rows (or, without UPDATE RETURNING, a SELECT
     * of the keys, the UPDATE, and a SELECT of those rows in chunks of {@value #KEYS_PER_SELECT}); each
     * row becomes the session's instance, its SET properties (and version) the database's values as
     * committed state. An unflushed change to a property the statement set is expired: the database wins.
     */
    <E> List<E> updateReturning(EntityMapping<E> m, Expression<Boolean> criteria, Map<? extends Column<?>, ?> values) {
        BulkValues set = BulkValues.of(m, values);
        Update statement = updateStatement(m, set, criteria);
        session.autoflush();
        RowMapper<E> mapper = refreshing(m, set.values().keySet());
        Column<?>[] all = m.table().columns().toArray(Column<?>[]::new);
        return session.sql().run(tx -> {
            if (session.context().database().dialect().supportsReturning(StatementKind.UPDATE)) {
                return tx.query(statement.returning(all), mapper);
            }
            List<Object> keys = FetchForms.select(tx, m, criteria, null);
            tx.execute(statement);
            List<E> out = new ArrayList<>(keys.size());
            for (int from = 0; from < keys.size(); from += KEYS_PER_SELECT) {
                List<Object> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_SELECT));
                out.addAll(tx.query(session.persister(m).selectAll().where(keyIn(m, chunk)), mapper));
            }
            return out;
        });
    }

    private static final int KEYS_PER_SELECT = 500;

    /**
     * Maps a row of every column to the session's instance (loading it if it is not loaded) and gives
     * it the row's values of the properties a statement {@code set} ({@link InstanceState#setFromDatabase}).
     */
    private <E> RowMapper<E> refreshing(EntityMapping<E> m, java.util.Collection<? extends StoredAttribute> set) {
        RowMapper<E> loaded = session.loader().rowMapper(m);
        return row -> {
            E entity = loaded.map(row);
            InstanceState s = session.stateOf(entity);
            for (StoredAttribute a : set) {
                if (a instanceof ToOneMapping t) {
                    new RelationSync(session).referenceFromDatabase(s, entity, t, row.get(t.slot()));
                } else {
                    s.setFromDatabase(entity, (PropertyMapping) a, row.get(a.slot()));
                }
            }
            return entity;
        };
    }

    /**
     * One upsert statement per row, then the row read back by its conflict columns: the loaded
     * instance refreshed (its unflushed changes to columns the row set are expired: the database wins)
     * or a new one loaded. Every row is checked before any SQL.
     */
    <E> List<E> upsert(EntityMapping<E> m, List<? extends Map<? extends Column<?>, ?>> rows, Column<?>[] conflictColumns) {
        if (m.version() != null) {
            throw new OrmException("upsert of " + m.name() + " is refused: it has a @Version (" + m.version().column()
                    + "), which an upsert would not check or bump; load, change and flush instead");
        }
        if (conflictColumns.length == 0) {
            throw new OrmException("upsert of " + m.name() + ": name the conflict columns (a primary key or unique constraint)");
        }
        List<PropertyMapping> conflict = new ArrayList<>();
        for (Column<?> c : conflictColumns) {
            conflict.add(BulkValues.property(m, c));
        }
        List<Insert> statements = new ArrayList<>(rows.size());
        List<Expression<Boolean>> identities = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<? extends Column<?>, ?> row = rows.get(i);
            Insert insert = Sql.insertInto(m.table());
            Expression<Boolean> identity = null;
            for (Map.Entry<? extends Column<?>, ?> e : (row == null ? Map.<Column<?>, Object>of() : row).entrySet()) {
                PropertyMapping p = BulkValues.property(m, e.getKey());
                insert = set(insert, p, e.getValue(), m, i);
            }
            for (PropertyMapping p : conflict) {
                Object v = row == null ? null : row.get(p.column());
                if (v == null) {
                    throw new OrmException("upsert of " + m.name() + ", row " + i + ": no value for the conflict column " + p.column());
                }
                Expression<Boolean> eq = equalsValue(p.column(), v);
                identity = identity == null ? eq : identity.and(eq);
            }
            Insert upsert = insert.onConflictUpdate(conflictColumns);
            session.compileBeforeAutoflush(upsert);
            statements.add(upsert);
            identities.add(identity);
        }
        session.autoflush();
        return session.sql().run(tx -> {
            List<E> out = new ArrayList<>(rows.size());
            for (int i = 0; i < statements.size(); i++) {
                tx.execute(statements.get(i));
                List<PropertyMapping> set = rows.get(i).keySet().stream().<PropertyMapping>map(m::property).toList();
                List<E> found = tx.query(session.persister(m).selectAll().where(identities.get(i)), refreshing(m, set));
                if (found.size() != 1) {
                    throw new OrmException("upsert of " + m.name() + ", row " + i + ": reading it back by " + Arrays.toString(conflictColumns)
                            + " found " + found.size() + " rows; the conflict columns must be a primary key or unique constraint");
                }
                out.add(found.get(0));
            }
            return out;
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Insert set(Insert insert, PropertyMapping p, Object v, EntityMapping<?> m, int row) {
        return insert.set((Column) p.column(), BulkValues.checkedValue("upsert", m, row, p, v));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Expression<Boolean> equalsValue(Column<?> column, Object value) {
        return ((Column) column).eq(value);
    }

    /**
     * New objects from the maps, added and flushed; if the flush fails they leave the session again
     * (transient), even when no SQL ran (the transaction could not begin): a failed insertAll adds nothing.
     */
    <E> List<E> insertAll(EntityMapping<E> m, List<? extends Map<? extends Column<?>, ?>> rows) {
        List<E> created = newObjects(m, rows);
        for (E entity : created) {
            session.lifecycle().add(entity, m);
        }
        try {
            session.flush();
        } catch (RuntimeException e) {
            for (E entity : created) {
                InstanceState s = session.stateOf(entity);
                if (s != null && s.status == ObjectState.PENDING) {
                    session.lifecycle().forget(s);
                }
            }
            throw e;
        }
        return created;
    }

    /** New objects, one per map, every value checked (column of the entity, type, NOT NULL) before any is made. */
    private <E> List<E> newObjects(EntityMapping<E> m, List<? extends Map<? extends Column<?>, ?>> rows) {
        List<E> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<? extends Column<?>, ?> row = rows.get(i);
            if (row == null) {
                throw new OrmException("insertAll of " + m.name() + ": row " + i + " is null");
            }
            E entity = m.newInstance();
            for (Map.Entry<? extends Column<?>, ?> e : row.entrySet()) {
                PropertyMapping p = BulkValues.property(m, e.getKey());
                Object v = BulkValues.checkedValue("insertAll", m, i, p, e.getValue());
                if (v == null && !p.column().isNullable() && p != m.id()) {
                    throw new OrmException("insertAll of " + m.name() + ", row " + i + ": " + p.column() + " is NOT NULL");
                }
                p.set(entity, v);
            }
            out.add(entity);
        }
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Expression<Boolean> keyIn(EntityMapping<?> m, List<Object> keys) {
        return ((Column) m.id().column()).in(keys.toArray());
    }

    long delete(EntityMapping<?> m, Expression<Boolean> criteria, Synchronize mode) {
        Plan plan = plan(m, criteria, mode, StatementKind.DELETE);
        Delete delete = Sql.deleteFrom(m.table());
        Delete statement = criteria == null ? delete : delete.where(criteria);
        session.compileBeforeAutoflush(statement);
        session.autoflush();
        Synchronizer sync = new Synchronizer(session, m, session.context().evaluator(), null);
        return session.sql().run(tx -> {
            Matched matched = run(tx, plan, m, criteria, statement, statement.returning(m.id().column()), sync);
            sync.applyDelete(matched.states);
            return matched.count;
        });
    }

    /**
     * Runs the one DML statement the plan calls for (FETCH: in the cheaper of its two forms, see
     * {@link FetchForms}) and finds the objects it matched.
     */
    private Matched run(Transaction tx, Plan plan, EntityMapping<?> m, Expression<Boolean> criteria, Statement dml,
            Statement dmlReturningKey, Synchronizer sync) {
        return switch (plan.mode) {
            case NONE -> new Matched(tx.execute(dml), List.of());
            case EVALUATE -> new Matched(tx.execute(dml), sync.evaluate(plan.criteria));
            default -> {
                FetchForms.Fetched fetched = FetchForms.run(session, tx, m, criteria, dml, dmlReturningKey, plan.returning);
                yield new Matched(fetched.count(), sync.fetched(fetched.keys()));
            }
        };
    }

    /** The mode AUTO resolves to, and the compiled criteria for EVALUATE; fails before any SQL if EVALUATE cannot work. */
    private Plan plan(EntityMapping<?> m, Expression<Boolean> criteria, Synchronize mode, StatementKind kind) {
        if (mode == null) {
            throw new OrmException("bulk " + kind.name().toLowerCase() + " of " + m.name()
                    + ": the Synchronize mode must not be null; pass Synchronize.AUTO (the default) or another mode");
        }
        boolean returning = session.context().database().dialect().supportsReturning(kind);
        if (mode == Synchronize.NONE || mode == Synchronize.FETCH) {
            return new Plan(mode, null, returning);
        }
        try {
            CompiledCriteria compiled = criteria == null ? null : session.context().evaluator().criteria(criteria, m.table());
            return new Plan(Synchronize.EVALUATE, compiled, returning);
        } catch (UnevaluableException e) {
            if (mode == Synchronize.AUTO) {
                return new Plan(Synchronize.FETCH, null, returning);
            }
            throw new OrmException("Synchronize.EVALUATE cannot evaluate the criteria of this bulk " + kind.name().toLowerCase()
                    + " of " + m.name() + " in Java: " + e.getMessage()
                    + ". Use Synchronize.FETCH (or AUTO, which falls back to it); no SQL was run");
        }
    }

    /**
     * Updates rows by primary key, one JDBC batch per set of columns, with EVALUATE-style
     * synchronization; an unknown key rolls the transaction back and raises StaleObjectException.
     */
    long bulkUpdate(EntityMapping<?> m, List<? extends Map<? extends Column<?>, ?>> rows) {
        List<KeyedRow> keyed = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            KeyedRow row = KeyedRow.of(m, i, rows.get(i));
            if (m.version() != null && row.version() == null && loadedState(m, row.key()) == null) {
                throw new OrmException("bulkUpdate of " + m.name() + ", row " + i + ": " + m.describe(row.key())
                        + " is versioned, but the row gives no " + m.version().column() + " and no loaded object holds it; "
                        + "put the expected version in the map (Athanor checks and bumps it). No SQL was run");
            }
            keyed.add(row);
        }
        session.autoflush();
        List<KeyedRow> checked = m.version() == null ? keyed : withLoadedVersions(m, keyed);
        long total = session.sql().run(tx -> {
            long count = 0;
            EntityPersister persister = session.persister(m);
            for (Map.Entry<Long, List<KeyedRow>> shape : KeyedRow.byShape(persister, checked).entrySet()) {
                List<KeyedRow> same = shape.getValue();
                int[] counts = RowWriter.update(tx, persister, shape.getKey(), same.stream().map(r -> r.slots(persister)).toList(),
                        i -> m.describe(same.get(i).key()) + " (bulkUpdate row " + same.get(i).position() + ")",
                        (i, matched) -> stale(m, same.get(i)));
                for (int c : counts) {
                    count += Math.max(c, 0);
                }
            }
            return count;
        });
        for (KeyedRow row : checked) {
            InstanceState s = loadedState(m, row.key());
            if (s != null) {
                row.synchronize(s);
            }
        }
        return total;
    }

    /** Rows that give no version take it from the loaded object (reloading it if it is expired). */
    private List<KeyedRow> withLoadedVersions(EntityMapping<?> m, List<KeyedRow> rows) {
        List<KeyedRow> out = new ArrayList<>(rows.size());
        for (KeyedRow row : rows) {
            if (row.version() != null) {
                out.add(row);
                continue;
            }
            InstanceState s = loadedState(m, row.key());
            if (s == null) {
                throw new OrmException("bulkUpdate of " + m.name() + ", row " + row.position() + ": " + m.describe(row.key())
                        + " left the session before its version could be read; put the expected version in the map");
            }
            session.loadVersionIfExpired(s);
            out.add(row.withVersion(m.version().get(s.get())));
        }
        return out;
    }

    private InstanceState loadedState(EntityMapping<?> m, Object key) {
        InstanceState s = session.identityMap().get(m, key);
        return s != null && s.status == ObjectState.PERSISTENT && s.get() != null ? s : null;
    }

    private static StaleObjectException stale(EntityMapping<?> m, KeyedRow row) {
        String expected = m.version() == null ? "" : " at " + m.version().column().name() + " = " + row.version();
        return new StaleObjectException("bulkUpdate of " + m.name() + ": row " + row.position() + " expects "
                + m.describe(row.key()) + expected + ", but no such row exists" + (m.version() == null ? ""
                : " at that version (another transaction changed or deleted it)") + "; nothing of this bulkUpdate was kept");
    }

    private record Plan(Synchronize mode, CompiledCriteria criteria, boolean returning) {
    }

    /** The database's matched-row count and the session's objects the statement matched. */
    private record Matched(long count, List<InstanceState> states) {
    }
}
