package io.athanor.orm.internal.session;

import io.athanor.orm.ObjectState;
import io.athanor.orm.internal.mapping.EntityMapping;
import io.athanor.sql.Column;
import io.athanor.sql.CompiledSql;
import io.athanor.sql.Expression;
import io.athanor.sql.Sql;
import io.athanor.sql.Statement;
import io.athanor.sql.Transaction;
import io.athanor.sql.spi.Dialect;
import java.util.ArrayList;
import java.util.List;

/**
 * FETCH's two forms (docs/synchronize.md, "FETCH's two forms"): which keys of the rows a bulk UPDATE
 * or DELETE changed the session needs, learnt at the least cost.
 * <ul>
 * <li><b>Restricted</b>, when the session holds at most {@link #RESTRICTED_UP_TO} objects of the
 * entity: only the keys of loaded objects are asked for. PostgreSQL: one statement,
 * {@code WITH c AS (UPDATE ... RETURNING pk) SELECT ... FROM c WHERE pk IN (<loaded keys>)}, which
 * returns exactly the loaded rows the UPDATE changed. SQLite and MariaDB (no data-modifying WITH):
 * {@code SELECT pk FROM t WHERE <criteria> AND pk IN (<loaded keys>)} in chunks of
 * {@link #CHUNK} keys, in the same transaction, then the statement itself.</li>
 * <li><b>RETURNING</b> otherwise: {@code UPDATE ... RETURNING pk} (every changed key comes back), or,
 * without RETURNING, {@code SELECT pk ... WHERE <criteria>} first.</li>
 * </ul>
 * Why the threshold: the restricted form costs in proportion to the loaded objects (at most
 * {@code RESTRICTED_UP_TO / CHUNK} primary-key SELECTs, a small bounded cost), RETURNING in
 * proportion to the rows the statement changes, which is unknown without a query as costly as the
 * statement, but never more than the statement's own work on those rows. So: restricted while its
 * cost is small and bounded, RETURNING beyond, where its cost is bounded by the statement's.
 */
final class FetchForms {
    /** Up to this many loaded objects of the entity, the restricted form. */
    static final int RESTRICTED_UP_TO = 2_000;
    /** Keys per {@code IN} list of the restricted SELECT. */
    static final int CHUNK = 500;

    private FetchForms() {
    }

    /** The statement's matched-row count and the keys of the changed rows the session needs (some may not be loaded). */
    record Fetched(long count, List<Object> keys) {
    }

    /**
     * Runs {@code dml} (also given as {@code dmlReturningKey}, the same statement returning the key) and
     * learns which loaded objects it changed; {@code returning}: the dialect has RETURNING for it.
     */
    static Fetched run(SessionImpl session, Transaction tx, EntityMapping<?> m, Expression<Boolean> criteria, Statement dml,
            Statement dmlReturningKey, boolean returning) {
        List<Object> loaded = loadedKeys(session, m);
        if (loaded.size() > RESTRICTED_UP_TO) {
            List<Object> keys = returning ? tx.query(dmlReturningKey, r -> r.get(0)) : select(tx, m, criteria, null);
            return new Fetched(returning ? keys.size() : tx.execute(dml), keys);
        }
        if (loaded.isEmpty()) {
            return new Fetched(tx.execute(dml), List.of());
        }
        Dialect dialect = session.context().database().dialect();
        Class<?> keyType = m.id().column().type();
        if (returning && dialect.supportsReturningInWith() && (keyType == Long.class || keyType == Integer.class)) {
            return changedAmong(session, tx, m, dmlReturningKey, loaded);
        }
        List<Object> keys = new ArrayList<>();
        for (int from = 0; from < loaded.size(); from += CHUNK) {
            keys.addAll(select(tx, m, criteria, loaded.subList(from, Math.min(loaded.size(), from + CHUNK))));
        }
        return new Fetched(tx.execute(dml), keys);
    }

    /** One statement: the DML, returning only the loaded keys it changed, and its matched-row count. */
    private static Fetched changedAmong(SessionImpl session, Transaction tx, EntityMapping<?> m, Statement dmlReturningKey,
            List<Object> loaded) {
        CompiledSql sql = session.context().database().compileChangedAmong(dmlReturningKey, m.id().column(), loaded);
        boolean intKey = m.id().column().type() == Integer.class;
        List<Object> keys = new ArrayList<>();
        long count = -1;
        for (Object[] row : tx.query(sql, null, r -> new Object[] {r.get(0), r.get(1)})) {
            long value = (Long) row[1];
            if ((Long) row[0] == 1L) {
                count = value; // the (1, count(*)) row
            } else {
                keys.add(intKey ? (Object) Math.toIntExact(value) : (Object) value);
            }
        }
        if (count < 0) {
            throw new IllegalStateException("the statement's matched-row count did not come back: " + sql.sql());
        }
        return new Fetched(count, keys);
    }

    /** Keys of the rows matching {@code criteria}, among {@code among} when given. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<Object> select(Transaction tx, EntityMapping<?> m, Expression<Boolean> criteria, List<Object> among) {
        Column key = m.id().column();
        Expression<Boolean> where = among == null ? criteria
                : criteria == null ? key.in(among) : Sql.and(criteria, key.in(among));
        var select = Sql.select(key).from(m.table());
        return tx.query(where == null ? select : select.where(where), r -> r.get(0));
    }

    /** The keys of the session's persistent objects of {@code m}, expired ones included (FETCH synchronizes them too). */
    private static List<Object> loadedKeys(SessionImpl session, EntityMapping<?> m) {
        List<Object> keys = new ArrayList<>();
        for (InstanceState s : session.identityMap().states(m)) {
            if (s.status == ObjectState.PERSISTENT && s.key != null) {
                keys.add(s.key);
            }
        }
        return keys;
    }
}
