package io.athanor.orm.internal.session;

import io.athanor.orm.OrmException;
import io.athanor.orm.StaleObjectException;
import io.athanor.orm.Synchronize;
import io.athanor.orm.internal.evaluator.CompiledCriteria;
import io.athanor.orm.internal.evaluator.UnevaluableException;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.orm.internal.mapping.PropertyMapping;
import io.athanor.sql.Column;
import io.athanor.sql.Delete;
import io.athanor.sql.Expression;
import io.athanor.sql.Sql;
import io.athanor.sql.StatementKind;
import io.athanor.sql.Transaction;
import io.athanor.sql.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bulk UPDATE and DELETE (see docs/synchronize.md). Order of work: validate the values and, for
 * EVALUATE and AUTO, compile the criteria for Java (so an unevaluable criterion fails before any
 * SQL); autoflush; run one statement (FETCH without RETURNING: a SELECT of the keys first);
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
        session.autoflush();
        Update update = set.applyTo(Sql.update(m.table()));
        if (criteria != null) {
            update = update.where(criteria);
        }
        Synchronizer sync = new Synchronizer(session, m, session.context().evaluator(), set);
        Transaction tx = session.transaction();
        long count;
        List<InstanceState> matched;
        switch (plan.mode) {
            case NONE -> {
                count = tx.execute(update);
                matched = List.of();
            }
            case EVALUATE -> {
                count = tx.execute(update);
                matched = sync.evaluate(plan.criteria);
            }
            default -> {
                List<Object> keys = plan.returning
                        ? tx.query(update.returning(m.id().column()), r -> r.get(0))
                        : preselectKeys(tx, m, criteria);
                count = plan.returning ? keys.size() : tx.execute(update);
                matched = sync.fetched(keys);
            }
        }
        sync.applyUpdate(matched);
        return count;
    }

    long delete(EntityMapping<?> m, Expression<Boolean> criteria, Synchronize mode) {
        Plan plan = plan(m, criteria, mode, StatementKind.DELETE);
        session.autoflush();
        Delete delete = Sql.deleteFrom(m.table());
        if (criteria != null) {
            delete = delete.where(criteria);
        }
        Synchronizer sync = new Synchronizer(session, m, session.context().evaluator(), null);
        Transaction tx = session.transaction();
        long count;
        List<InstanceState> matched;
        switch (plan.mode) {
            case NONE -> {
                count = tx.execute(delete);
                matched = List.of();
            }
            case EVALUATE -> {
                count = tx.execute(delete);
                matched = sync.evaluate(plan.criteria);
            }
            default -> {
                List<Object> keys = plan.returning
                        ? tx.query(delete.returning(m.id().column()), r -> r.get(0))
                        : preselectKeys(tx, m, criteria);
                count = plan.returning ? keys.size() : tx.execute(delete);
                matched = sync.fetched(keys);
            }
        }
        sync.applyDelete(matched);
        return count;
    }

    /** The mode AUTO resolves to, and the compiled criteria for EVALUATE; fails before any SQL if EVALUATE cannot work. */
    private Plan plan(EntityMapping<?> m, Expression<Boolean> criteria, Synchronize mode, StatementKind kind) {
        if (mode == null) {
            throw new IllegalArgumentException("Synchronize mode must not be null; AUTO is the default");
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

    private static List<Object> preselectKeys(Transaction tx, EntityMapping<?> m, Expression<Boolean> criteria) {
        var select = Sql.select(m.id().column()).from(m.table());
        return tx.query(criteria == null ? select : select.where(criteria), r -> r.get(0));
    }

    /**
     * Updates rows by primary key, one JDBC batch per set of columns, with EVALUATE-style
     * synchronization; an unknown key rolls the transaction back and raises StaleObjectException.
     */
    long bulkUpdate(EntityMapping<?> m, List<? extends Map<? extends Column<?>, ?>> rows) {
        List<KeyedRow> keyed = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            keyed.add(KeyedRow.of(m, i, rows.get(i)));
        }
        session.autoflush();
        Transaction tx = session.transaction();
        long total = 0;
        try {
            for (Map.Entry<List<PropertyMapping>, List<KeyedRow>> shape : KeyedRow.byShape(keyed).entrySet()) {
                List<PropertyMapping> columns = shape.getKey();
                int[] counts = tx.executeBatch(session.context().database().compile(KeyedRow.statement(m, columns)),
                        KeyedRow.rows(m, shape.getValue()));
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 0) {
                        KeyedRow row = shape.getValue().get(i);
                        throw new StaleObjectException("bulkUpdate of " + m.name() + ": row " + row.position()
                                + " names " + m.describe(row.key()) + ", which does not exist; nothing of this bulkUpdate was kept");
                    }
                    total += Math.max(counts[i], 0);
                }
            }
        } catch (RuntimeException e) {
            session.failed(e);
            throw e;
        }
        for (KeyedRow row : keyed) {
            InstanceState s = session.identityMap().get(m, row.key());
            if (s != null && s.status == io.athanor.orm.ObjectState.PERSISTENT) {
                row.synchronize(s);
            }
        }
        return total;
    }

    private record Plan(Synchronize mode, CompiledCriteria criteria, boolean returning) {
    }
}
