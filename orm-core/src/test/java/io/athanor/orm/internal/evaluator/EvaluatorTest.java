package io.athanor.orm.internal.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.sql.Column;
import io.athanor.sql.ColumnOption;
import io.athanor.sql.Expression;
import io.athanor.sql.Sql;
import io.athanor.sql.Table;
import io.athanor.sql.ast.InList;
import io.athanor.sql.ast.Literal;
import io.athanor.sql.dialect.SqliteDialect;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One focused case per rule of the evaluator, on the SQLite dialect. */
class EvaluatorTest {
    static final Table STUFF = Table.builder("stuff")
            .column("id", Long.class, ColumnOption.PRIMARY_KEY)
            .column("foo", Integer.class).column("bar", Integer.class)
            .column("big", Long.class).column("x", Double.class)
            .column("name", String.class).column("flag", Boolean.class)
            .column("price", BigDecimal.class).column("data", byte[].class)
            .column("day", LocalDate.class).decimal("total", 10, 2)
            .build();
    static final Table OTHER = Table.builder("other").column("id", Long.class, ColumnOption.PRIMARY_KEY).build();
    static final Column<Integer> FOO = STUFF.column("foo", Integer.class);
    static final Column<Integer> BAR = STUFF.column("bar", Integer.class);
    static final Column<Long> BIG = STUFF.column("big", Long.class);
    static final Column<Double> X = STUFF.column("x", Double.class);
    static final Column<String> NAME = STUFF.column("name", String.class);
    static final Column<Boolean> FLAG = STUFF.column("flag", Boolean.class);
    static final Column<BigDecimal> PRICE = STUFF.column("price", BigDecimal.class);
    static final Column<byte[]> DATA = STUFF.column("data", byte[].class);
    static final Column<LocalDate> DAY = STUFF.column("day", LocalDate.class);
    static final Column<BigDecimal> TOTAL = STUFF.column("total", BigDecimal.class);

    final Evaluator evaluator = new Evaluator(new SqliteDialect());

    /** A row with the given column values; every other column is NULL. */
    static ValueSource row(Object... columnsAndValues) {
        Map<Column<?>, Object> m = new HashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            m.put((Column<?>) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return m::get;
    }

    Boolean test(Expression<Boolean> criteria, ValueSource row) throws UnevaluableException {
        return evaluator.criteria(criteria, STUFF).test(row);
    }

    Object compute(Expression<?> value, ValueSource row) throws UnevaluableException {
        return evaluator.value(value, STUFF).compute(row);
    }

    String refusal(Expression<Boolean> criteria) {
        return assertThrows(UnevaluableException.class, () -> evaluator.criteria(criteria, STUFF)).getMessage();
    }

    /** TRUE, FALSE and UNKNOWN as criteria: foo = 1 with foo 1, 2 and NULL. */
    static final Expression<Boolean> T = FOO.eq(1);
    static final Expression<Boolean> F = FOO.eq(2);
    static final Expression<Boolean> U = BAR.eq(1);
    static final ValueSource ONE = row(FOO, 1);

    // --- three-valued logic ------------------------------------------------------------------------

    @Test
    void comparisonsWithNullAreUnknown() throws Exception {
        assertNull(test(FOO.eq(BAR), row(FOO, 1)));
        assertNull(test(FOO.ne(Literal.of(Integer.class, null)), row(FOO, 1)));
        assertNull(test(NAME.lt("a"), row()));
    }

    @Test
    void andIsFalseIfAnyIsFalseElseUnknownIfAnyIsUnknown() throws Exception {
        assertEquals(true, test(Sql.and(T, T), ONE));
        assertEquals(false, test(Sql.and(T, F), ONE));
        assertNull(test(Sql.and(T, U), ONE));
        assertEquals(false, test(Sql.and(U, F), ONE));
        assertNull(test(Sql.and(U, U), ONE));
    }

    @Test
    void orIsTrueIfAnyIsTrueElseUnknownIfAnyIsUnknown() throws Exception {
        assertEquals(true, test(Sql.or(F, T), ONE));
        assertEquals(false, test(Sql.or(F, F), ONE));
        assertNull(test(Sql.or(F, U), ONE));
        assertEquals(true, test(Sql.or(U, T), ONE));
    }

    @Test
    void notOfUnknownIsUnknown() throws Exception {
        assertEquals(false, test(Sql.not(T), ONE));
        assertEquals(true, test(Sql.not(F), ONE));
        assertNull(test(Sql.not(U), ONE));
    }

    @Test
    void nullTestsAreNeverUnknown() throws Exception {
        assertEquals(true, test(BAR.isNull(), ONE));
        assertEquals(false, test(BAR.isNotNull(), ONE));
        assertEquals(true, test(FOO.plus(BAR).isNull(), ONE));
    }

    @Test
    void aBooleanColumnIsItsOwnValueAsCriteria() throws Exception {
        assertEquals(true, test(FLAG, row(FLAG, true)));
        assertEquals(false, test(FLAG, row(FLAG, false)));
        assertNull(test(FLAG, row()));
    }

    @Test
    void aDecidedJunctionIgnoresAnOperandThatCannotBeEvaluated() throws Exception {
        Expression<Boolean> overflow = FOO.plus(1).gt(0);
        ValueSource max = row(FOO, Integer.MAX_VALUE);
        assertEquals(false, test(Sql.and(overflow, FOO.eq(0)), max));
        assertEquals(true, test(Sql.or(overflow, FOO.gt(0)), max));
        assertThrows(EvaluationException.class, () -> test(Sql.and(overflow, FOO.gt(0)), max));
    }

    // --- IN and BETWEEN ----------------------------------------------------------------------------

    @Test
    void inIsTrueOnAMatchEvenWithNullElements() throws Exception {
        assertEquals(true, test(FOO.in(Arrays.asList(null, 1)), ONE));
    }

    @Test
    void inWithoutAMatchIsUnknownIfAnElementIsNull() throws Exception {
        assertNull(test(FOO.in(Arrays.asList(2, null)), ONE));
        assertNull(test(Sql.not(FOO.in(Arrays.asList(2, null))), ONE));
        assertEquals(false, test(FOO.in(2, 3), ONE));
    }

    @Test
    void inOfNullIsUnknownButAnEmptyListIsFalse() throws Exception {
        assertNull(test(BAR.in(1, 2), ONE));
        assertEquals(false, test(BAR.in(List.of()), ONE));
        assertEquals(false, test(new InList(FOO, List.of()), ONE));
    }

    @Test
    void betweenIncludesBothEndsAndIsUnknownOnlyWhenUndecided() throws Exception {
        assertEquals(true, test(FOO.between(1, 3), ONE));
        assertEquals(true, test(FOO.between(0, 1), ONE));
        assertEquals(false, test(FOO.between(2, 3), ONE));
        assertNull(test(FOO.between(null, 3), ONE));
        assertEquals(false, test(FOO.between(null, 0), ONE)); // x <= 0 is FALSE, so the AND is
    }

    // --- arithmetic --------------------------------------------------------------------------------

    @Test
    void integerDivisionTruncatesTowardZero() throws Exception {
        assertEquals(-3, compute(FOO.dividedBy(2), row(FOO, -7)));
        assertEquals(-3, compute(FOO.dividedBy(-2), row(FOO, 7)));
        assertEquals(3L, compute(BIG.dividedBy(-2), row(BIG, -7L)));
    }

    @Test
    void moduloTakesTheSignOfTheDividend() throws Exception {
        assertEquals(-1, compute(FOO.mod(2), row(FOO, -7)));
        assertEquals(1, compute(FOO.mod(-2), row(FOO, 7)));
        assertEquals(0L, compute(BIG.mod(-1), row(BIG, Long.MIN_VALUE)));
    }

    @Test
    void divisionByZeroIsNullOnSqlite() throws Exception {
        assertNull(compute(FOO.dividedBy(0), row(FOO, 7)));
        assertNull(compute(BIG.mod(0), row(BIG, 7L)));
        assertNull(compute(X.dividedBy(0.0), row(X, 1.0)));
        assertNull(compute(X.dividedBy(-0.0), row(X, 1.0)));
        assertNull(test(FOO.dividedBy(0).eq(0), row(FOO, 0)));
    }

    @Test
    void overflowIsUnknownRatherThanWrapped() {
        assertThrows(EvaluationException.class, () -> compute(FOO.plus(1), row(FOO, Integer.MAX_VALUE)));
        assertThrows(EvaluationException.class, () -> compute(FOO.times(-1), row(FOO, Integer.MIN_VALUE)));
        assertThrows(EvaluationException.class, () -> compute(FOO.dividedBy(-1), row(FOO, Integer.MIN_VALUE)));
        assertThrows(EvaluationException.class, () -> compute(BIG.minus(1L), row(BIG, Long.MIN_VALUE)));
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> compute(BIG.dividedBy(-1L), row(BIG, Long.MIN_VALUE)));
        assertTrue(e.getMessage().contains("stuff.big"), e.getMessage());
    }

    @Test
    void aNanOrInfiniteDoubleResultIsUnknown() {
        assertThrows(EvaluationException.class, () -> compute(X.times(1e300), row(X, 1e300)));
        assertThrows(EvaluationException.class, () -> compute(X.minus(X), row(X, Double.POSITIVE_INFINITY)));
        assertThrows(EvaluationException.class, () -> test(X.eq(1.0), row(X, Double.NaN)));
    }

    @Test
    void arithmeticWithNullIsNull() throws Exception {
        assertNull(compute(FOO.plus(BAR), ONE));
        assertNull(compute(NAME.concat("x"), row()));
        assertEquals("ab", compute(NAME.concat("b"), row(NAME, "a")));
    }

    // --- comparison semantics ----------------------------------------------------------------------

    @Test
    void stringsCompareByCodePointNotByUtf16Unit() throws Exception {
        String emoji = "\uD83D\uDE00"; // U+1F600, above U+FFFF, but its first UTF-16 unit is below
        assertTrue("\uFFFF".compareTo(emoji) > 0, "Java's order, which SQL does not follow");
        assertEquals(true, test(NAME.gt("\uFFFF"), row(NAME, emoji)));
        assertEquals(true, test(NAME.lt(emoji), row(NAME, "\uFFFF")));
        assertEquals(true, test(NAME.gt("B"), row(NAME, "a")), "binary collation: lowercase after uppercase");
    }

    @Test
    void negativeZeroEqualsZero() throws Exception {
        assertEquals(true, test(X.eq(0.0), row(X, -0.0)));
        assertEquals(false, test(X.lt(0.0), row(X, -0.0)));
    }

    @Test
    void aLoneSurrogateIsUnknownInARowAndRefusedInALiteral() {
        assertThrows(EvaluationException.class, () -> test(NAME.eq("a"), row(NAME, "\uD800")));
        assertThrows(EvaluationException.class, () -> compute(NAME.concat("x"), row(NAME, "a\uDC00")));
        assertTrue(refusal(NAME.eq("x\uDC00")).contains("lone surrogate"));
    }

    @Test
    void datesTheDialectCannotHoldAreUnknownInARowAndRefusedInALiteral() throws Exception {
        ValueSource far = row(DAY, LocalDate.of(10000, 1, 1));
        EvaluationException e = assertThrows(EvaluationException.class, () -> test(DAY.eq(LocalDate.of(2000, 1, 1)), far));
        assertTrue(e.getMessage().contains("column stuff.day") && e.getMessage().contains("+10000-01-01"), e.getMessage());
        assertThrows(EvaluationException.class, () -> test(DAY.gt(LocalDate.of(2000, 1, 1)), far));
        assertEquals(true, test(DAY.gt(LocalDate.of(2000, 1, 1)), row(DAY, LocalDate.of(9999, 12, 31))));
        assertTrue(refusal(DAY.lt(LocalDate.of(-1, 1, 1))).contains("out of range"));
    }

    /** The binder truncates to microseconds on PostgreSQL and MariaDB; the evaluator compares and computes the same values. */
    @Test
    void dateTimesAreComparedAndComputedInTheDialectsStoredForm() throws Exception {
        Table t = Table.builder("times").column("id", Long.class, ColumnOption.PRIMARY_KEY)
                .column("at", java.time.Instant.class).column("d", Double.class).build();
        Column<java.time.Instant> at = t.column("at", java.time.Instant.class);
        Column<Double> d = t.column("d", Double.class);
        java.time.Instant micros = java.time.Instant.parse("2026-01-01T00:00:00.000001Z");
        java.time.Instant nanos = micros.plusNanos(999);
        for (io.athanor.sql.spi.Dialect dialect : List.of(new io.athanor.sql.dialect.PostgresDialect(),
                new io.athanor.sql.dialect.MariaDbDialect())) {
            Evaluator e = new Evaluator(dialect);
            assertEquals(true, e.criteria(at.eq(nanos), t).test(row(at, micros)), dialect.name());
            assertEquals(false, e.criteria(at.gt(micros), t).test(row(at, nanos)), dialect.name());
            assertEquals(micros, e.value(Sql.value(java.time.Instant.class, nanos), t).compute(row()), dialect.name());
            assertEquals(micros, e.value(at, t).compute(row(at, nanos)), dialect.name());
        }
        Evaluator sqlite = new Evaluator(new SqliteDialect());
        assertEquals(false, sqlite.criteria(at.eq(nanos), t).test(row(at, micros)));
        assertEquals(nanos, sqlite.value(at, t).compute(row(at, nanos)));
        // -0.0 is stored as 0.0 on SQLite and MariaDB, kept on PostgreSQL
        assertEquals(0.0, sqlite.value(d.times(-1.0), t).compute(row(d, 0.0)));
        assertEquals(-0.0, new Evaluator(new io.athanor.sql.dialect.PostgresDialect()).value(d.times(-1.0), t)
                .compute(row(d, 0.0)));
    }

    // --- refusals ----------------------------------------------------------------------------------

    @Test
    void eqNullAndNeNullAreIsNullAndIsNotNull() throws Exception {
        assertEquals(true, test(NAME.eq(null), row()));
        assertEquals(false, test(NAME.eq(null), row(NAME, "a")));
        assertEquals(true, test(NAME.ne(null), row(NAME, "a")));
        assertEquals(false, test(FOO.ne(null), row()));
    }

    @Test
    void likeIsRefusedWhereTheDialectDoesNotVouchForItsCaseRules() throws Exception {
        UnevaluableException e = assertThrows(UnevaluableException.class,
                () -> new Evaluator(new io.athanor.sql.dialect.MariaDbDialect()).criteria(NAME.like("a%"), STUFF));
        assertTrue(e.getMessage().startsWith("LIKE (stuff.name LIKE 'a%') is not evaluated in Java: the mariadb dialect"),
                e.getMessage());
    }

    @Test
    void likeFollowsTheDialectsCaseRulesWildcardsAndEscapes() throws Exception {
        assertEquals(true, test(NAME.like("a%"), row(NAME, "ABC")), "SQLite folds ASCII case");
        assertEquals(false, test(NAME.like("\u00e9"), row(NAME, "\u00c9")), "but not beyond ASCII");
        assertEquals(true, test(NAME.like("_"), row(NAME, "\uD83D\uDE00")), "_ is one code point");
        assertEquals(true, test(NAME.like("%b%c"), row(NAME, "abxbc")));
        assertEquals(false, test(NAME.like("%b%c"), row(NAME, "abxb")));
        assertEquals(true, test(NAME.startsWith("50%"), row(NAME, "50% off")));
        assertEquals(false, test(NAME.startsWith("50%"), row(NAME, "500 off")));
        assertEquals(true, test(NAME.contains("a\\_"), row(NAME, "xa\\_y")));
        assertEquals(false, test(NAME.contains("a\\_"), row(NAME, "xa\\by")));
        assertEquals(true, test(NAME.endsWith("_"), row(NAME, "a_")));
        assertNull(test(NAME.like("a%"), row()));
        Evaluator pg = new Evaluator(new io.athanor.sql.dialect.PostgresDialect());
        assertEquals(false, pg.criteria(NAME.like("a%"), STUFF).test(row(NAME, "ABC")), "PostgreSQL is case-sensitive");
        // what databases answer differently is unknown for the row, never guessed
        assertThrows(EvaluationException.class, () -> test(NAME.like("a\\%"), row(NAME, "a%")));
        assertThrows(EvaluationException.class, () -> test(NAME.like("a!b", '!'), row(NAME, "ab")));
        assertThrows(EvaluationException.class, () -> test(NAME.like("a%"), row(NAME, "a\u0000b")));
    }

    @Test
    void functionsAreRefusedByName() {
        String m = refusal(Sql.function("upper", String.class, NAME).eq("A"));
        assertTrue(m.startsWith("function upper(stuff.name) is not evaluated in Java"), m);
    }

    @Test
    void decimalsOfUndeclaredScaleAreComparedOnlyForEqualityOnSqliteWhichStoresThemAsText() throws Exception {
        String m = refusal(PRICE.lt(BigDecimal.ONE));
        assertTrue(m.contains("(stuff.price < 1)") && m.contains("BigDecimal") && m.contains("sqlite"), m);
        assertEquals(true, test(PRICE.eq(new BigDecimal("10.50")), row(PRICE, new BigDecimal("10.5"))));
        assertEquals(true, test(PRICE.in(new BigDecimal("1"), new BigDecimal("10.500")), row(PRICE, new BigDecimal("10.5"))));
    }

    @Test
    void decimalsOfDeclaredScaleAreOrderedOnSqliteWhichStoresThemAsScaledIntegers() throws Exception {
        ValueSource r = row(TOTAL, new BigDecimal("100.50"));
        assertEquals(true, test(TOTAL.gt(new BigDecimal("100")), r));
        assertEquals(false, test(TOTAL.lt(new BigDecimal("20.5")), r));
        assertEquals(true, test(TOTAL.between(new BigDecimal("100.5"), new BigDecimal("100.5")), r));
        assertEquals(true, test(TOTAL.eq(new BigDecimal("100.5")), r));
        String m = refusal(TOTAL.gt(PRICE));
        assertTrue(m.contains("stuff.total") && m.contains("only for equality"), m);
    }

    @Test
    void decimalArithmeticIsRefused() {
        UnevaluableException e = assertThrows(UnevaluableException.class,
                () -> evaluator.value(PRICE.plus(1), STUFF));
        assertTrue(e.getMessage().contains("arithmetic (stuff.price + 1)"), e.getMessage());
    }

    @Test
    void byteArraysAreNeverCompared() {
        String m = refusal(DATA.eq(new byte[] {1}));
        assertTrue(m.contains("byte[]"), m);
        assertTrue(refusal(DATA.in(List.of(new byte[] {1}))).contains("byte[]"));
    }

    @Test
    void aColumnOfAnotherTableIsRefusedByName() {
        Column<Long> otherId = OTHER.column("id", Long.class);
        String m = refusal(BIG.eq(otherId));
        assertTrue(m.startsWith("column other.id is not evaluated in Java"), m);
    }

    @Test
    void parametersAndAggregatesAreRefused() {
        assertTrue(refusal(FOO.eq(Sql.param(0, Integer.class))).startsWith("parameter ?0 is not evaluated"));
        assertTrue(refusal(Sql.count().gt(1L)).contains("count(*)"));
    }

    @Test
    void nanLiteralsAreRefused() {
        assertTrue(refusal(X.eq(Double.NaN)).contains("NaN"));
    }

    @Test
    void columnsListsWhatTheCriteriaRead() throws Exception {
        CompiledCriteria c = evaluator.criteria(Sql.and(FOO.gt(1), NAME.concat("x").eq("ax"), FOO.lt(BAR)), STUFF);
        assertEquals(Set.of(FOO, NAME, BAR), c.columns());
        assertEquals(Set.of(BIG), evaluator.value(BIG.times(2L), STUFF).columns());
    }

    @Test
    void subqueriesAggregatesCaseAndAliasColumnsAreRefusedNamingThem() {
        Column<Long> otherId = OTHER.column("id", Long.class);
        assertTrue(refusal(Sql.exists(Sql.select(otherId).from(OTHER))).contains("subquery"));
        assertTrue(refusal(BIG.in(Sql.select(otherId).from(OTHER))).contains("subquery"));
        assertTrue(refusal(BIG.eq(Sql.scalar(Sql.select(Sql.max(otherId)).from(OTHER), Long.class))).contains("subquery"));
        assertTrue(refusal(Sql.sum(FOO).gt(1L)).contains("sum(stuff.foo)"));
        assertTrue(refusal(Sql.caseWhen(FOO.eq(1), Sql.value(Integer.class, 1)).otherwise(2).eq(1)).contains("CASE"));
        String alias = refusal(STUFF.as("s2").column("foo", Integer.class).eq(1));
        assertTrue(alias.contains("s2.foo"), alias);
    }
}
