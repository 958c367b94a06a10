package io.athanor.test.kit;

import static io.athanor.test.kit.RandomExpressions.ID;
import static io.athanor.test.kit.RandomExpressions.T;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.internal.evaluator.CompiledCriteria;
import io.athanor.orm.internal.evaluator.CompiledValue;
import io.athanor.orm.internal.evaluator.EvaluationException;
import io.athanor.orm.internal.evaluator.Evaluator;
import io.athanor.orm.internal.evaluator.UnevaluableException;
import io.athanor.sql.Column;
import io.athanor.sql.Expression;
import io.athanor.sql.Insert;
import io.athanor.sql.Sql;
import io.athanor.sql.SqlException;
import io.athanor.sql.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The differential test of the ORM's Java evaluator against the target database: random rows full
 * of NULLs and boundary values (only those the database stores: a boundary value it refuses is left
 * out), random criteria and SET values; whatever the database answers is the truth. The evaluator
 * may refuse an expression or call a row unknowable ({@link EvaluationException}: the ORM expires
 * that object), but a wrong answer is never allowed. A statement the database itself rejects (an
 * overflow or a division by zero that is an error there) cannot be compared and is skipped. Every
 * failure names the seed; rerun with {@code -Dathanor.seed=<seed>}.
 */
public abstract class EvaluatorSuite extends KitSuite {
    /** The seed of this run: {@code -Dathanor.seed=N}, or a fixed default. */
    protected static final long SEED = Long.getLong("athanor.seed", 7_340_117L);
    private static final int ROWS = 150;

    /** The rows as the database stored them (read back). */
    private final Map<Long, Map<Column<?>, Object>> rows = new HashMap<>();
    /**
     * The rows as sent, as objects hold them in memory (with nanoseconds a server drops, -0.0...): the
     * evaluator must apply the dialect's storage rules to reach the database's verdict from these.
     */
    private final Map<Long, Map<Column<?>, Object>> sentRows = new HashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Integer> unknownReasons = new TreeMap<>();
    private Random random;
    private RandomExpressions gen;
    private Evaluator evaluator;

    /** How many random criteria to compare; lower it for slow databases. */
    protected int criteriaCount() {
        return 2_000;
    }

    /** How many random SET values to compare. */
    protected int setValueCount() {
        return 300;
    }

    @Override
    protected void prepare() {
        failures.clear();
        db.createTables(T);
        random = new Random(SEED);
        evaluator = new Evaluator(dialect());
        gen = new RandomExpressions(random, storableBoundaries());
        db.inTransaction(tx -> {
            for (long id = 1; id <= ROWS; id++) {
                Map<Column<?>, Object> row = gen.row(id);
                sentRows.put(id, row);
                tx.execute(insert(row));
            }
            return null;
        });
        // The database is the truth: compare against what it stored, not what was sent.
        rows.putAll(readAll(null));
    }

    /** The one storage rule: the dialect's stored form of each value sent is what the database holds. */
    @Test
    void theDialectsStoredFormOfEachValueSentIsWhatTheDatabaseHolds() throws Exception {
        for (Map.Entry<Long, Map<Column<?>, Object>> e : sentRows.entrySet()) {
            for (Map.Entry<Column<?>, Object> c : e.getValue().entrySet()) {
                @SuppressWarnings("unchecked")
                io.athanor.sql.spi.ValueType<Object> type = (io.athanor.sql.spi.ValueType<Object>) dialect().valueType(c.getKey().type());
                Object expected = c.getValue() == null ? null : type.stored(c.getValue());
                Object held = rows.get(e.getKey()).get(c.getKey());
                if (!sameValue(expected, held)) {
                    fail("column " + c.getKey() + ": sent " + show(c.getValue()) + ", the dialect's stored form is "
                            + show(expected) + " but " + dialect().name() + " holds " + show(held), e.getValue());
                }
            }
        }
        assertNoFailures();
    }

    /** The boundary values the database stores without an error, each tried alone in a column of its type. */
    private Map<Class<?>, List<Object>> storableBoundaries() {
        Map<Class<?>, List<Object>> kept = new LinkedHashMap<>();
        List<String> refused = new ArrayList<>();
        long probe = -1;
        for (Map.Entry<Class<?>, List<Object>> e : RandomExpressions.boundaryValues().entrySet()) {
            @SuppressWarnings("unchecked")
            Column<Object> c = (Column<Object>) T.columns().stream().filter(x -> x != ID && x.type() == e.getKey()).findFirst().orElseThrow();
            List<Object> ok = new ArrayList<>();
            for (Object v : e.getValue()) {
                try {
                    db.execute(Sql.insertInto(T).set(ID, probe--).set(c, v));
                    ok.add(v);
                } catch (SqlException no) {
                    String state = no.sqlState();
                    assertTrue(no.getMessage().startsWith("column " + c + ":") || state != null && state.startsWith("22"),
                            dialect().name() + " refused " + show(v) + " without the promised refusal: " + no.getMessage());
                    refused.add(show(v));
                }
            }
            kept.put(e.getKey(), ok);
        }
        db.execute(Sql.deleteFrom(T));
        System.out.println("[athanor-kit] " + dialect().name() + " refuses the boundary values " + refused);
        return kept;
    }

    @Test
    void randomCriteriaMatchTheSameRowsAsTheDatabase() {
        int compared = 0;
        int refused = 0;
        int rejected = 0;
        long unknownRows = 0;
        int wanted = criteriaCount();
        for (int attempt = 0; compared < wanted && attempt < wanted * 5; attempt++) {
            Expression<Boolean> criteria = gen.criteria(3);
            CompiledCriteria compiled;
            try {
                compiled = evaluator.criteria(criteria, T);
            } catch (UnevaluableException e) {
                refused++;
                continue;
            }
            Set<Long> expected;
            try {
                expected = new TreeSet<>(db.query(Sql.select(ID).from(T).where(criteria), r -> r.get(ID)));
            } catch (SqlException e) {
                rejected++;
                continue;
            }
            compared++;
            for (Map.Entry<Long, Map<Column<?>, Object>> e : sentRows.entrySet()) {
                Boolean verdict;
                try {
                    verdict = compiled.test(e.getValue()::get);
                } catch (EvaluationException unknown) {
                    unknownRows++;
                    tally(unknown);
                    continue;
                }
                if (Boolean.TRUE.equals(verdict) != expected.contains(e.getKey())) {
                    fail("criteria " + criteria + ": " + dialect().name() + (expected.contains(e.getKey()) ? " matches"
                            : " does not match") + " but the evaluator says " + verdict, e.getValue());
                }
            }
        }
        long tested = (long) compared * ROWS;
        System.out.printf("[athanor-kit] %s seed %d: %d criteria compared, %d refused by the evaluator, %d rejected by the"
                + " database, %d of %d row tests unknown %s%n", dialect().name(), SEED, compared, refused, rejected,
                unknownRows, tested, unknownReasons);
        assertNoFailures();
        assertTrue(compared * 2 >= wanted, "seed " + SEED + ": only " + compared + " criteria compared, " + refused
                + " refused, " + rejected + " rejected by the database");
        assertTrue(unknownRows * 10 < tested, "seed " + SEED + ": " + unknownRows + " of " + tested + " row tests unknown");
    }

    @Test
    void randomSetValuesComputeWhatTheDatabaseStores() {
        int compared = 0;
        int refused = 0;
        int rejected = 0;
        long unknownRows = 0;
        int wanted = setValueCount();
        List<Column<?>> targets = List.of(T.column("i"), T.column("i2"), T.column("l"), T.column("l2"),
                T.column("d"), T.column("d2"), T.column("s"), T.column("s2"), T.column("ts"), T.column("at"), T.column("m"));
        for (int attempt = 0; compared < wanted && attempt < wanted * 5; attempt++) {
            @SuppressWarnings("unchecked")
            Column<Object> target = (Column<Object>) targets.get(random.nextInt(targets.size()));
            @SuppressWarnings("unchecked")
            Expression<Object> value = (Expression<Object>) gen.computed(target.type(), 2);
            CompiledValue compiled;
            try {
                compiled = evaluator.value(value, T);
            } catch (UnevaluableException e) {
                refused++;
                continue;
            }
            Map<Long, Map<Column<?>, Object>> after;
            try (Transaction tx = db.begin()) {
                try {
                    tx.execute(assign(target, value));
                } catch (SqlException e) {
                    rejected++;
                    continue;
                }
                after = readAll(tx);
                tx.rollback();
            }
            compared++;
            for (Map.Entry<Long, Map<Column<?>, Object>> e : sentRows.entrySet()) {
                Object computed;
                try {
                    computed = compiled.compute(e.getValue()::get);
                } catch (EvaluationException unknown) {
                    unknownRows++;
                    tally(unknown);
                    continue;
                }
                Object stored = after.get(e.getKey()).get(target);
                if (!sameValue(computed, stored)) {
                    fail("SET " + target + " = " + value + ": " + dialect().name() + " stored " + show(stored)
                            + " but the evaluator computed " + show(computed), e.getValue());
                }
            }
        }
        long tested = (long) compared * ROWS;
        System.out.printf("[athanor-kit] %s seed %d: %d SET values compared, %d refused by the evaluator, %d rejected by"
                + " the database, %d of %d row computations unknown %s%n", dialect().name(), SEED, compared, refused,
                rejected, unknownRows, tested, unknownReasons);
        assertNoFailures();
        assertTrue(compared * 2 >= wanted, "seed " + SEED + ": only " + compared + " values compared, " + refused
                + " refused, " + rejected + " rejected by the database");
        assertTrue(unknownRows * 5 < tested, "seed " + SEED + ": " + unknownRows + " of " + tested + " computations unknown");
    }

    // --- helpers -----------------------------------------------------------------------------------

    private static <X> io.athanor.sql.Update assign(Column<X> target, Expression<X> value) {
        return Sql.update(T).set(target, value);
    }

    @SuppressWarnings("unchecked")
    private static Insert insert(Map<Column<?>, Object> row) {
        Insert insert = Sql.insertInto(T);
        for (Map.Entry<Column<?>, Object> e : row.entrySet()) {
            insert = insert.set((Column<Object>) e.getKey(), e.getValue());
        }
        return insert;
    }

    private Map<Long, Map<Column<?>, Object>> readAll(Transaction tx) {
        Expression<?>[] all = T.columns().toArray(Expression[]::new);
        Map<Long, Map<Column<?>, Object>> out = new HashMap<>();
        var select = Sql.select(all).from(T);
        List<Map<Column<?>, Object>> read = tx == null ? db.query(select, this::toMap) : tx.query(select, this::toMap);
        for (Map<Column<?>, Object> row : read) {
            out.put((Long) row.get(ID), row);
        }
        return out;
    }

    private Map<Column<?>, Object> toMap(io.athanor.sql.Row r) {
        Map<Column<?>, Object> row = new HashMap<>();
        for (Column<?> c : T.columns()) {
            row.put(c, r.get(c));
        }
        return row;
    }

    /**
     * Equal values, exactly: {@code -0.0} is not {@code 0.0} (a dialect that drops the sign says so in
     * its stored form, which the evaluator applies); two NaNs are the same; decimals numerically,
     * since they come back at the column's scale.
     */
    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return x.equals(y) || x.isNaN() && y.isNaN();
        }
        if (a instanceof java.math.BigDecimal x && b instanceof java.math.BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return a == null ? b == null : a.equals(b);
    }

    /** Counts unknown rows by the kind of reason, for the summary line. */
    private void tally(EvaluationException e) {
        String m = e.getMessage();
        String kind = m.contains("overflows") ? "overflow" : m.contains("databases handle differently") ? "NaN/infinite result"
                : m.contains("out of range") ? "value the column cannot hold" : m.contains("lone surrogate") ? "lone surrogate"
                : m.contains("LIKE") ? "LIKE the databases answer differently"
                : m.contains("by zero") ? "division by zero" : "other";
        unknownReasons.merge(kind, 1, Integer::sum);
    }

    private void fail(String what, Map<Column<?>, Object> row) {
        if (failures.size() < 30) {
            failures.add("seed " + SEED + ": " + show(what) + "\n    row " + show(row));
        }
    }

    private void assertNoFailures() {
        assertTrue(failures.isEmpty(), failures.size() + " disagreements (first 30):\n" + String.join("\n", failures));
    }

    /** Values with non-ASCII characters escaped, so messages show exactly which code points. */
    static String show(Object v) {
        String s = v instanceof Map<?, ?> m ? m.toString() : v instanceof String str ? "'" + str + "'" : String.valueOf(v);
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c < 0x20 || c > 0x7e ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }
}
