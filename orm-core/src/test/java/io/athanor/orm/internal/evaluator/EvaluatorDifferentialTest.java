package io.athanor.orm.internal.evaluator;

import static io.athanor.orm.internal.evaluator.RandomExpressions.ID;
import static io.athanor.orm.internal.evaluator.RandomExpressions.T;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.sql.Column;
import io.athanor.sql.Database;
import io.athanor.sql.Expression;
import io.athanor.sql.Insert;
import io.athanor.sql.Sql;
import io.athanor.sql.Transaction;
import io.athanor.sql.dialect.SqliteDialect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluator against real SQLite: random rows, random criteria and SET values; whatever SQLite
 * does is the truth. A row the evaluator reports as unknowable ({@link EvaluationException}) is
 * allowed (the ORM would expire it), as is a refused expression, but both must stay rare. Rerun a
 * failure with {@code -Dathanor.seed=<seed>}.
 */
class EvaluatorDifferentialTest {
    private static final long SEED = Long.getLong("athanor.seed", 7_340_117L);
    private static final int ROWS = 150;
    private static final int CRITERIA = 2_000;
    private static final int VALUES = 300;

    @TempDir
    Path dir;
    Database db;
    final Evaluator evaluator = new Evaluator(new SqliteDialect());
    final Random random = new Random(SEED);
    final RandomExpressions gen = new RandomExpressions(random);
    final Map<Long, Map<Column<?>, Object>> rows = new HashMap<>();
    final List<String> failures = new ArrayList<>();
    final Map<String, Integer> unknownReasons = new java.util.TreeMap<>();

    @BeforeEach
    void fill() {
        db = Database.open("jdbc:sqlite:" + dir.resolve("d.db"));
        db.createTables(T);
        db.inTransaction(tx -> {
            for (long id = 1; id <= ROWS; id++) {
                Map<Column<?>, Object> row = gen.row(id);
                rows.put(id, row);
                tx.execute(insert(row));
            }
            return null;
        });
        // The database is the truth: compare against what it stored, not what was sent.
        Map<Long, Map<Column<?>, Object>> stored = readAll(null);
        for (Map.Entry<Long, Map<Column<?>, Object>> e : stored.entrySet()) {
            Map<Column<?>, Object> sent = rows.get(e.getKey());
            for (Column<?> c : T.columns()) {
                Object expected = sent.get(c);
                if (expected instanceof String str) {
                    // sqlite-jdbc encodes with Java's UTF-8 encoder, which writes a lone surrogate as '?'.
                    expected = new String(str.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
                }
                if (!sameValue(expected, e.getValue().get(c))) {
                    failures.add("seed " + SEED + ": SQLite stored " + show(e.getValue().get(c)) + " for "
                            + show(sent.get(c)) + " in " + c);
                }
            }
        }
        rows.clear();
        rows.putAll(stored);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void randomCriteriaMatchTheSameRowsAsSqlite() {
        int compared = 0;
        int refused = 0;
        long unknownRows = 0;
        for (int attempt = 0; compared < CRITERIA && attempt < CRITERIA * 5; attempt++) {
            Expression<Boolean> criteria = gen.criteria(3);
            CompiledCriteria compiled;
            try {
                compiled = evaluator.criteria(criteria, T);
            } catch (UnevaluableException e) {
                refused++;
                continue;
            }
            compared++;
            Set<Long> expected = new TreeSet<>(db.query(Sql.select(ID).from(T).where(criteria), r -> r.get(ID)));
            for (Map.Entry<Long, Map<Column<?>, Object>> e : rows.entrySet()) {
                Map<Column<?>, Object> row = e.getValue();
                Boolean verdict;
                try {
                    verdict = compiled.test(row::get);
                } catch (EvaluationException unknown) {
                    unknownRows++;
                    tally(unknown);
                    continue;
                }
                if (Boolean.TRUE.equals(verdict) != expected.contains(e.getKey())) {
                    fail("criteria " + criteria + ": SQLite " + (expected.contains(e.getKey()) ? "matches" : "does not match")
                            + " but the evaluator says " + verdict, row);
                }
            }
        }
        long tested = (long) compared * ROWS;
        System.out.printf("seed %d: %d criteria compared, %d refused, %d of %d row tests unknown %s%n",
                SEED, compared, refused, unknownRows, tested, unknownReasons);
        assertNoFailures();
        assertTrue(compared >= CRITERIA, "seed " + SEED + ": only " + compared + " criteria compared, " + refused + " refused");
        assertTrue(unknownRows * 10 < tested, "seed " + SEED + ": " + unknownRows + " of " + tested + " row tests unknown");
    }

    @Test
    void randomSetValuesComputeWhatSqliteStores() {
        int compared = 0;
        int refused = 0;
        long unknownRows = 0;
        List<Column<?>> targets = List.of(T.column("i"), T.column("i2"), T.column("l"), T.column("l2"),
                T.column("d"), T.column("d2"), T.column("s"), T.column("s2"));
        for (int attempt = 0; compared < VALUES && attempt < VALUES * 5; attempt++) {
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
            compared++;
            Map<Long, Map<Column<?>, Object>> after;
            try (Transaction tx = db.begin()) {
                tx.execute(assign(target, value));
                after = readAll(tx);
                tx.rollback();
            }
            for (Map.Entry<Long, Map<Column<?>, Object>> e : rows.entrySet()) {
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
                    fail("SET " + target + " = " + value + ": SQLite stored " + show(stored) + " but the evaluator computed "
                            + show(computed), e.getValue());
                }
            }
        }
        long tested = (long) compared * ROWS;
        System.out.printf("seed %d: %d SET values compared, %d refused, %d of %d row computations unknown %s%n",
                SEED, compared, refused, unknownRows, tested, unknownReasons);
        assertNoFailures();
        assertTrue(compared >= VALUES, "seed " + SEED + ": only " + compared + " values compared");
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

    /** Equal values; doubles numerically, so 0.0 and -0.0 are the same (SQLite may drop the sign). */
    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return x.doubleValue() == y.doubleValue();
        }
        return a == null ? b == null : a.equals(b);
    }

    /** Counts unknown rows by the kind of reason, for the summary line. */
    private void tally(EvaluationException e) {
        String m = e.getMessage();
        String kind = m.contains("overflows") ? "overflow" : m.contains("databases handle differently") ? "NaN/infinite result"
                : m.contains("sort in time order") ? "year outside 0000-9999" : m.contains("lone surrogate") ? "lone surrogate"
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
