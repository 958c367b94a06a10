package io.athanor.test.kit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.sql.Column;
import io.athanor.sql.ColumnOption;
import io.athanor.sql.CompiledSql;
import io.athanor.sql.Insert;
import io.athanor.sql.Sql;
import io.athanor.sql.SqlException;
import io.athanor.sql.StatementKind;
import io.athanor.sql.Table;
import io.athanor.sql.Transaction;
import io.athanor.sql.spi.Dialect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The SQL layer on one dialect: value round trips (inherited from {@link SqlValueTests}), DDL,
 * RETURNING as {@link Dialect#supportsReturning} says, batch keys through
 * {@code Transaction.insertReturningKeys}, exact batch row counts, paging, integer arithmetic,
 * concatenation, hostile values, reserved and quoted identifiers, and rollback. Subclass it and
 * return your database from {@link #target()}.
 */
public abstract class SqlLayerSuite extends SqlValueTests {
    /** The article's table. */
    protected static final Table STUFF = Table.builder("kit_stuff")
            .column("id", Long.class, ColumnOption.PRIMARY_KEY, ColumnOption.GENERATED)
            .column("foo", Integer.class).column("big", Long.class).column("name", String.class)
            .build();
    protected static final Column<Long> ID = STUFF.column("id", Long.class);
    protected static final Column<Integer> FOO = STUFF.column("foo", Integer.class);
    protected static final Column<Long> BIG = STUFF.column("big", Long.class);
    protected static final Column<String> NAME = STUFF.column("name", String.class);

    /** Strings that would break concatenated SQL; each must round-trip (or be refused) and match only itself. */
    protected static final List<String> HOSTILE = List.of("'", "''", "\"", "'; DROP TABLE kit_stuff; --", "a; b",
            "-- comment", "/* open comment", "*/", "\0", "nul\0inside", "\\", "\\'", "%", "_", "?", "$1", ":name",
            "{fn now()}", "' OR '1'='1", "\r\n", "\u2028", "` backtick", "``", "\\` escaped", "\u00a0nbsp",
            "\uD83D\uDE00");

    @Override
    protected void prepare() {
        super.prepare();
        db.createTables(STUFF);
    }

    /** Inserts rows with these foos (name "n" + foo). */
    protected void insertFoos(int... foos) {
        db.inTransaction(tx -> {
            for (int f : foos) {
                tx.execute(Sql.insertInto(STUFF).set(FOO, f).set(NAME, "n" + f));
            }
            return null;
        });
    }

    protected long count() {
        return db.query(Sql.select(Sql.count()).from(STUFF), r -> r.<Long>get(0)).get(0);
    }

    /** The hostile strings this dialect stores (those it refuses with an exception are left out). */
    protected List<String> storableHostile() {
        List<String> ok = new ArrayList<>();
        for (String h : HOSTILE) {
            storedOrRefused("s", h).ifPresent(back -> {
                assertEquals(h, back, "changed silently");
                ok.add(h);
            });
        }
        return ok;
    }

    @Test
    void theDialectIsRegisteredForServiceLoaderAndAcceptsItsDatabasesProductName() throws Exception {
        Dialect d = dialect();
        assertTrue(ServiceLoader.load(Dialect.class).stream().anyMatch(p -> p.type() == d.getClass()),
                d.getClass() + " is not listed in META-INF/services/io.athanor.sql.spi.Dialect");
        try (Transaction tx = db.begin()) {
            String product = tx.connection().getMetaData().getDatabaseProductName();
            assertTrue(d.acceptsProduct(product), d.name() + " does not accept its product name " + product);
        }
    }

    @Test
    void createTablesIsIdempotent() {
        db.createTables(STUFF);
        insertFoos(1);
        db.createTables(STUFF);
        assertEquals(1, count());
    }

    @Test
    void returningGivesBackTheKeysWhereSupportedAndIsRefusedBeforeAnySqlElsewhere() {
        insertFoos(1, 2, 3);
        List<Long> keys = db.query(Sql.select(ID).from(STUFF).orderBy(ID.asc()), r -> r.get(ID));
        if (dialect().supportsReturning(StatementKind.INSERT)) {
            List<Long> inserted = db.inTransaction(tx -> tx.query(Sql.insertInto(STUFF).set(FOO, 4).returning(ID), r -> r.get(ID)));
            assertEquals(1, inserted.size());
            keys = db.query(Sql.select(ID).from(STUFF).orderBy(ID.asc()), r -> r.get(ID));
            assertEquals(keys.get(3), inserted.get(0));
        } else {
            assertRefused(() -> db.query(Sql.insertInto(STUFF).set(FOO, 4).returning(ID), r -> r.get(ID)), "INSERT");
        }
        if (dialect().supportsReturning(StatementKind.UPDATE)) {
            List<Long> updated = db.query(Sql.update(STUFF).set(FOO, FOO.plus(10)).where(FOO.ge(2)).returning(ID), r -> r.get(ID));
            assertEquals(keys.subList(1, keys.size()), updated.stream().sorted().toList());
        } else {
            assertRefused(() -> db.query(Sql.update(STUFF).set(FOO, 5).returning(ID), r -> r.get(ID)), "UPDATE");
        }
        long before = count();
        if (dialect().supportsReturning(StatementKind.DELETE)) {
            List<Long> deleted = db.query(Sql.deleteFrom(STUFF).where(ID.ge(keys.get(1))).returning(ID), r -> r.get(ID));
            assertEquals(keys.subList(1, keys.size()), deleted.stream().sorted().toList());
            assertEquals(1, count());
        } else {
            assertRefused(() -> db.query(Sql.deleteFrom(STUFF).returning(ID), r -> r.get(ID)), "DELETE");
            assertEquals(before, count());
        }
    }

    private void assertRefused(Runnable statement, String kind) {
        log.clear();
        SqlException e = assertThrows(SqlException.class, statement::run);
        assertTrue(e.getMessage().contains("RETURNING"), e.getMessage());
        assertTrue(log.of(StatementKind.valueOf(kind)).isEmpty(), "refused before any SQL: " + log.all());
    }

    @Test
    void batchInsertReturnsEveryGeneratedKeyInOrder() {
        Insert insert = Sql.insertInto(STUFF).set(FOO, Sql.param(0, Integer.class)).set(NAME, Sql.param(1, String.class));
        List<Object[]> rows = IntStream.range(0, 50).mapToObj(i -> new Object[] {i, "row" + i}).toList();
        List<Long> keys = db.inTransaction(tx -> tx.insertReturningKeys(insert, rows, ID));
        assertEquals(50, keys.size());
        assertEquals(50, keys.stream().distinct().count());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(List.of("row" + i), db.query(Sql.select(NAME).from(STUFF).where(ID.eq(keys.get(i))),
                    r -> r.get(NAME)), "key of row " + i);
        }
    }

    @Test
    void batchInsertKeysWorkWhenTheKeyColumnIsAReservedWordInMixedCase() {
        Table order = Table.builder("Order").column("Select", Long.class, ColumnOption.PRIMARY_KEY, ColumnOption.GENERATED)
                .column("from", String.class).build();
        Column<Long> key = order.column("Select", Long.class);
        Column<String> from = order.column("from", String.class);
        db.createTables(order);
        Insert insert = Sql.insertInto(order).set(from, Sql.param(0, String.class));
        List<Long> keys = db.inTransaction(tx -> tx.insertReturningKeys(insert,
                List.of(new Object[] {"a"}, new Object[] {"b"}), key));
        assertEquals(List.of("a", "b"), keys.stream().map(k -> db.query(Sql.select(from).from(order).where(key.eq(k)),
                r -> r.get(from)).get(0)).toList());
    }

    @Test
    void executeBatchReportsTheExactRowCountOfEachUpdateAndDelete() {
        insertFoos(0, 1, 1, 2, 3);
        CompiledSql update = db.compile(Sql.update(STUFF).set(FOO, Sql.param(1, Integer.class))
                .where(FOO.eq(Sql.param(0, Integer.class))));
        int[] updated = db.inTransaction(tx -> tx.executeBatch(update,
                List.of(new Object[] {1, 11}, new Object[] {9, 19}, new Object[] {0, 10})));
        assertArrayEquals(new int[] {2, 0, 1}, updated);
        CompiledSql delete = db.compile(Sql.deleteFrom(STUFF).where(FOO.eq(Sql.param(0, Integer.class))));
        int[] deleted = db.inTransaction(tx -> tx.executeBatch(delete,
                List.of(new Object[] {11}, new Object[] {42}, new Object[] {3})));
        assertArrayEquals(new int[] {2, 0, 1}, deleted);
        assertEquals(List.of(2, 10), db.query(Sql.select(FOO).from(STUFF).orderBy(FOO.asc()), r -> r.get(FOO)));
    }

    @Test
    void limitAndOffsetPageIncludingOffsetWithoutLimit() {
        insertFoos(IntStream.range(0, 10).toArray());
        assertEquals(List.of(3, 4), db.query(Sql.select(FOO).from(STUFF).orderBy(FOO.asc()).limit(2).offset(3), r -> r.get(FOO)));
        assertEquals(List.of(8, 9), db.query(Sql.select(FOO).from(STUFF).orderBy(FOO.asc()).offset(8), r -> r.get(FOO)));
        assertEquals(List.of(0, 1, 2), db.query(Sql.select(FOO).from(STUFF).orderBy(FOO.asc()).limit(3), r -> r.get(FOO)));
    }

    @Test
    void integerDivisionAndModOfNegativeNumbersMatchJava() {
        int[][] pairs = {{7, 2}, {-7, 2}, {7, -2}, {-7, -2}, {1, 3}, {-1, 3}, {Integer.MAX_VALUE, -7}};
        for (int[] p : pairs) {
            db.execute(Sql.deleteFrom(STUFF));
            db.execute(Sql.insertInto(STUFF).set(FOO, p[0]).set(BIG, (long) p[0] * 1_000_000_000L));
            int divisor = p[1];
            assertEquals(List.of(p[0] / divisor), db.query(Sql.select(FOO.dividedBy(divisor)).from(STUFF),
                    r -> r.<Integer>get(0)), p[0] + " / " + divisor);
            assertEquals(List.of(p[0] % divisor), db.query(Sql.select(FOO.mod(divisor)).from(STUFF),
                    r -> r.<Integer>get(0)), p[0] + " % " + divisor);
            long big = (long) p[0] * 1_000_000_000L;
            assertEquals(List.of(big / (divisor * 3L)), db.query(Sql.select(BIG.dividedBy(divisor * 3L)).from(STUFF),
                    r -> r.<Long>get(0)), big + " / " + divisor * 3L);
            assertEquals(List.of(big % (divisor * 3L)), db.query(Sql.select(BIG.mod(divisor * 3L)).from(STUFF),
                    r -> r.<Long>get(0)), big + " % " + divisor * 3L);
        }
    }

    @Test
    void divisionByZeroInAQueryIsNullOrAnErrorAsTheDialectSays() {
        insertFoos(1);
        if (dialect().divisionByZeroIsNull()) {
            assertEquals(Collections.singletonList(null), db.query(Sql.select(FOO.dividedBy(0)).from(STUFF), r -> r.<Integer>get(0)));
        } else {
            assertThrows(SqlException.class, () -> db.query(Sql.select(FOO.dividedBy(0)).from(STUFF), r -> r.<Integer>get(0)));
        }
    }

    @Test
    void concatJoinsStringsAndANullOperandGivesNull() {
        db.execute(Sql.insertInto(STUFF).set(FOO, 1).set(NAME, "ab"));
        db.execute(Sql.insertInto(STUFF).set(FOO, 2));
        assertEquals(List.of("ab-\uD83D\uDE00"), db.query(Sql.select(NAME.concat("-\uD83D\uDE00")).from(STUFF)
                .where(FOO.eq(1)), r -> r.<String>get(0)));
        assertEquals(Collections.singletonList(null), db.query(Sql.select(NAME.concat("x")).from(STUFF)
                .where(FOO.eq(2)), r -> r.<String>get(0)));
        db.execute(Sql.update(STUFF).set(NAME, NAME.concat("c")).where(FOO.eq(1)));
        assertEquals(List.of(1), db.query(Sql.select(FOO).from(STUFF).where(NAME.eq("abc")), r -> r.get(FOO)));
    }

    @Test
    void aRolledBackTransactionLeavesNothingBehind() {
        try (Transaction tx = db.begin()) {
            tx.execute(Sql.insertInto(STUFF).set(FOO, 1));
            tx.execute(Sql.insertInto(STUFF).set(FOO, 2));
            assertEquals(2, tx.query(Sql.select(Sql.count()).from(STUFF), r -> r.<Long>get(0)).get(0));
            tx.rollback();
        }
        try (Transaction tx = db.begin()) {
            tx.execute(Sql.insertInto(STUFF).set(FOO, 3));
        }
        assertEquals(0, count(), "a transaction closed without commit rolls back");
    }

    @Test
    void hostileStringsRoundTripUnchangedAndEachMatchesOnlyItself() {
        List<String> hostile = storableHostile();
        assertTrue(hostile.size() >= HOSTILE.size() - 2, "only U+0000 may be refused: " + hostile);
        for (String h : hostile) {
            db.execute(Sql.insertInto(STUFF).set(NAME, h));
        }
        assertEquals(hostile, db.query(Sql.select(NAME).from(STUFF).orderBy(ID.asc()), r -> r.get(NAME)));
        for (String h : hostile) {
            assertEquals(List.of(h), db.query(Sql.select(NAME).from(STUFF).where(NAME.eq(h)), r -> r.get(NAME)), h);
        }
    }

    @Test
    void hostileValuesInUpdateAndDeleteCriteriaTouchOnlyTheirRows() {
        List<String> hostile = storableHostile();
        for (String h : hostile) {
            db.execute(Sql.insertInto(STUFF).set(NAME, h));
        }
        assertEquals(1, db.execute(Sql.update(STUFF).set(NAME, "fixed").where(NAME.eq("' OR '1'='1"))));
        assertEquals(1, db.execute(Sql.deleteFrom(STUFF).where(NAME.eq("'; DROP TABLE kit_stuff; --"))));
        List<String> expected = new ArrayList<>(hostile);
        expected.set(expected.indexOf("' OR '1'='1"), "fixed");
        expected.remove("'; DROP TABLE kit_stuff; --");
        assertEquals(expected, db.query(Sql.select(NAME).from(STUFF).orderBy(ID.asc()), r -> r.get(NAME)));
    }

    @Test
    void eqNullAndNeNullMeanIsNullAndIsNotNull() {
        db.execute(Sql.insertInto(STUFF).set(FOO, 1).set(NAME, "a"));
        db.execute(Sql.insertInto(STUFF).set(FOO, 2));
        assertEquals(List.of(2), db.query(Sql.select(FOO).from(STUFF).where(NAME.eq(null)), r -> r.get(FOO)));
        assertEquals(List.of(1), db.query(Sql.select(FOO).from(STUFF).where(NAME.ne(null)), r -> r.get(FOO)));
        String none = null;
        assertEquals(List.of(2), db.query(Sql.select(FOO).from(STUFF).where(NAME.eq(none)), r -> r.get(FOO)));
        assertEquals(List.of(1), db.query(Sql.select(FOO).from(STUFF).where(NAME.eq("a")), r -> r.get(FOO)));
        assertEquals(List.of(1), db.query(Sql.select(FOO).from(STUFF).where(NAME.eq(Sql.value(String.class, "a"))),
                r -> r.get(FOO)));
    }

    /** User input with %, _ and backslashes matches only itself, literally, on every dialect. */
    @Test
    void startsWithEndsWithContainsAndEscapedLikeMatchUserInputLiterally() {
        List<String> names = List.of("50%", "50% off", "5000", "a_c", "abc", "a\\c", "a\\\\c", "ac", "x%_\\y", "x\\%y",
                "%", "_", "\\", "");
        for (String n : names) {
            db.execute(Sql.insertInto(STUFF).set(NAME, n));
        }
        assertMatches(NAME.startsWith("50%"), "50%", "50% off");
        assertMatches(NAME.endsWith("%"), "50%", "%");
        assertMatches(NAME.contains("_"), "a_c", "x%_\\y", "_");
        assertMatches(NAME.contains("\\"), "a\\c", "a\\\\c", "x%_\\y", "x\\%y", "\\");
        assertMatches(NAME.contains("\\\\"), "a\\\\c");
        assertMatches(NAME.startsWith("x%_\\"), "x%_\\y");
        assertMatches(NAME.startsWith(""), names.toArray(String[]::new));
        assertMatches(NAME.like(Sql.escapeLike("a_c"), '\\'), "a_c");
        assertMatches(NAME.like("a!_c", '!'), "a_c");
        assertMatches(NAME.like("x!%%", '!'), "x%_\\y");
        assertEquals("50\\%\\_\\\\", Sql.escapeLike("50%_\\"));
    }

    private void assertMatches(io.athanor.sql.Expression<Boolean> criteria, String... expected) {
        List<String> got = db.query(Sql.select(NAME).from(STUFF).where(criteria), r -> r.get(NAME));
        assertEquals(java.util.Arrays.stream(expected).sorted().toList(), got.stream().sorted().toList(),
                dialect().name() + ": " + criteria);
    }

    /** SQLite would turn an overflowing result into a REAL silently; every dialect refuses it instead. */
    @Test
    void integerOverflowInArithmeticIsAnErrorNotAChangedValue() {
        db.execute(Sql.insertInto(STUFF).set(FOO, Integer.MAX_VALUE).set(BIG, Long.MAX_VALUE).set(NAME, "max"));
        assertThrows(SqlException.class, () -> db.execute(Sql.update(STUFF).set(BIG, BIG.plus(1))));
        assertThrows(SqlException.class, () -> db.execute(Sql.update(STUFF).set(BIG, BIG.times(2).minus(BIG))));
        assertThrows(SqlException.class, () -> db.execute(Sql.update(STUFF).set(FOO, FOO.plus(1))));
        assertThrows(SqlException.class, () -> db.query(Sql.select(NAME).from(STUFF).where(BIG.plus(1).gt(0L)),
                r -> r.get(NAME)));
        assertThrows(SqlException.class, () -> db.query(Sql.select(NAME).from(STUFF).where(BIG.times(3).mod(7L).ge(0L)),
                r -> r.get(NAME)));
        assertEquals(List.of(List.of(Integer.MAX_VALUE, Long.MAX_VALUE)), db.query(Sql.select(FOO, BIG).from(STUFF),
                r -> List.of(r.get(FOO), r.get(BIG))));
        // within range, the same arithmetic works, NULLs included
        db.execute(Sql.insertInto(STUFF).set(FOO, 5).set(NAME, "small"));
        db.execute(Sql.update(STUFF).set(BIG, BIG.minus(1)).set(FOO, FOO.minus(1)));
        assertEquals(List.of(Arrays.asList(Integer.MAX_VALUE - 1, Long.MAX_VALUE - 1), Arrays.asList(4, null)),
                db.query(Sql.select(FOO, BIG).from(STUFF).orderBy(ID.asc()), r -> Arrays.asList(r.get(FOO), r.get(BIG))));
    }

    @Test
    void reservedWordsAndQuoteCharactersInIdentifiersWork() {
        Table weird = Table.builder("order")
                .column("select", Long.class, ColumnOption.PRIMARY_KEY, ColumnOption.GENERATED)
                .column("group", String.class).column("we\"ird col", Integer.class).column("back`tick", Integer.class)
                .column("where", String.class, ColumnOption.UNIQUE)
                .build();
        Column<Long> select = weird.column("select", Long.class);
        Column<String> group = weird.column("group", String.class);
        Column<Integer> quoted = weird.column("we\"ird col", Integer.class);
        Column<Integer> backtick = weird.column("back`tick", Integer.class);
        Column<String> where = weird.column("where", String.class);
        db.createTables(weird);
        db.createTables(weird);
        Insert insert = Sql.insertInto(weird).set(group, "g").set(quoted, 1).set(backtick, 2).set(where, "w");
        Long key = db.inTransaction(tx -> tx.insertReturningKeys(insert, List.<Object[]>of(new Object[0]), select).get(0));
        db.execute(Sql.update(weird).set(quoted, quoted.plus(41)).set(backtick, backtick.times(backtick)).where(group.eq("g")));
        assertEquals(List.of(List.of(key, 42, 4)), db.query(Sql.select(select, quoted, backtick).from(weird)
                .where(where.eq("w")), r -> List.of(r.get(select), r.get(quoted), r.get(backtick))));
    }
}
