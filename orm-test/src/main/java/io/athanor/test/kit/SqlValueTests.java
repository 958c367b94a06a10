package io.athanor.test.kit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.sql.Column;
import io.athanor.sql.ColumnOption;
import io.athanor.sql.Insert;
import io.athanor.sql.Sql;
import io.athanor.sql.SqlException;
import io.athanor.sql.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The value half of {@link SqlLayerSuite}: every contract type written and read back, with null and
 * extremes. The rule is the one docs/dialects.md states: a value type round-trips every value in the
 * common ranges; beyond them (NaN, years before 1000 or after 9999, decimals of any scale, U+0000) it
 * either round-trips or is refused with an exception when bound, and never changes a value silently.
 * Date-times may lose nanoseconds, truncated toward the past to microseconds, and decimals may come
 * back with another scale, but always with the same value.
 */
public abstract class SqlValueTests extends KitSuite {
    /** Stored by name. */
    public enum Color { RED, GREEN }

    /** One column of each contract type. */
    protected static final Table T = Table.builder("kit_all_types")
            .column("id", Long.class, ColumnOption.PRIMARY_KEY, ColumnOption.GENERATED)
            .column("b", Boolean.class).column("i", Integer.class).column("l", Long.class)
            .column("d", Double.class).column("dec", BigDecimal.class).column("s", String.class)
            .column("bytes", byte[].class).column("date", LocalDate.class).column("dt", LocalDateTime.class)
            .column("inst", Instant.class).column("uuid", UUID.class).column("color", Color.class)
            .build();
    private static final Column<Long> ID = T.column("id", Long.class);

    @Override
    protected void prepare() {
        db.createTables(T);
    }

    /** Inserts {@code value} into column {@code name} (keys through the dialect's key retrieval) and reads it back. */
    @SuppressWarnings("unchecked")
    protected <V> V roundTrip(String name, V value) {
        Column<V> c = (Column<V>) T.column(name);
        Insert insert = Sql.insertInto(T).set(c, Sql.param(0, c.type()));
        return db.inTransaction(tx -> {
            Long key = tx.insertReturningKeys(insert, List.<Object[]>of(new Object[] {value}), ID).get(0);
            return tx.query(Sql.select(c).from(T).where(ID.eq(key)), r -> r.get(c)).get(0);
        });
    }

    /**
     * The value read back, or empty if the dialect refused it as promised: by Athanor's own check,
     * naming the column, or by the database with an SQLState of class 22 (data exception). Any other
     * failure (a broken statement, a driver writing the value into the SQL text) fails the test.
     */
    protected <V> Optional<V> storedOrRefused(String name, V value) {
        try {
            return Optional.ofNullable(roundTrip(name, value)).or(() -> {
                throw new AssertionError(dialect().name() + " changed " + value + " in column " + name
                        + " to NULL silently: refuse it when bound instead");
            });
        } catch (SqlException refused) {
            assertProperRefusal(refused, T.name() + "." + name, value);
            return Optional.empty();
        }
    }

    /**
     * Asserts {@code e} is the refusal promised for {@code value} in {@code column} ({@code table.column}):
     * Athanor's own check naming the column, or SQLState class 22 from the database.
     */
    protected void assertProperRefusal(SqlException e, String column, Object value) {
        String state = e.sqlState();
        boolean named = e.getMessage() != null && e.getMessage().startsWith("column " + column + ":");
        assertTrue(named || state != null && state.startsWith("22"), dialect().name() + " refused " + show(value)
                + " for column " + column + " without the promised refusal (Athanor's check naming the column, or"
                + " SQLState class 22): SQLState " + state + ", " + e.getMessage());
    }

    /** {@code v} with surrogates and control characters escaped, for messages. */
    protected static String show(Object v) {
        return v instanceof String s ? io.athanor.sql.spi.StorageRules.show(s) : String.valueOf(v);
    }

    /** Asserts that binding {@code value} for column {@code name} is refused by Athanor before the statement runs. */
    protected void assertRefusedNamingTheColumn(String name, Object value) {
        long before = db.query(Sql.select(Sql.count()).from(T), r -> r.<Long>get(0)).get(0);
        SqlException e = assertThrows(SqlException.class, () -> roundTrip(name, value), () -> dialect().name()
                + " accepted " + show(value) + " in column " + name);
        assertTrue(e.getMessage().startsWith("column " + T.name() + "." + name + ":"), e.getMessage());
        assertTrue(e.getMessage().contains(show(value).replace("'", "")) || e.getMessage().contains(String.valueOf(value)),
                "the message names the value " + show(value) + ": " + e.getMessage());
        assertTrue(e.sqlState() != null && e.sqlState().startsWith("22"), "SQLState class 22: " + e.sqlState());
        assertEquals(before, db.query(Sql.select(Sql.count()).from(T), r -> r.<Long>get(0)).get(0), "nothing stored");
    }

    /** Asserts each value round-trips exactly (arrays by content), and so does null. */
    protected void assertRoundTrips(String column, Object... values) {
        for (Object v : values) {
            assertEquals(v, roundTrip(column, v), "column " + column + " value " + v);
        }
        assertNull(roundTrip(column, null), "column " + column + " null");
    }

    /** Asserts each value round-trips or is refused; {@code same} says what counts as the same value. */
    protected <V> void assertRoundTripsOrIsRefused(String column, java.util.function.BiPredicate<V, V> same,
            List<V> values) {
        for (V v : values) {
            Optional<V> back = storedOrRefused(column, v);
            back.ifPresent(b -> assertTrue(b != null && same.test(v, b), dialect().name() + " changed " + v + " to " + b
                    + " in column " + column + " silently: refuse it when bound instead"));
        }
    }

    /** Equal, or equal after truncating to microseconds toward the past (what servers keep). */
    protected static boolean sameTime(Object sent, Object back) {
        if (Objects.equals(sent, back)) {
            return true;
        }
        if (sent instanceof LocalDateTime t) {
            return t.truncatedTo(ChronoUnit.MICROS).equals(back);
        }
        return sent instanceof Instant i && i.truncatedTo(ChronoUnit.MICROS).equals(back);
    }

    @Test
    void booleansRoundTrip() {
        assertRoundTrips("b", true, false);
    }

    @Test
    void integersAndLongsRoundTripIncludingExtremes() {
        assertRoundTrips("i", 0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE);
        assertRoundTrips("l", 0L, Long.MIN_VALUE, Long.MAX_VALUE, -1L);
    }

    @Test
    void finiteDoublesRoundTripIncludingExtremes() {
        assertRoundTrips("d", 0.0, 1.5, -2.25, Double.MAX_VALUE, Double.MIN_VALUE, -Double.MAX_VALUE,
                Double.MIN_NORMAL, 0.1 + 0.2, 1e-300);
    }

    @Test
    void nanAndInfinitiesRoundTripOrAreRefused() {
        assertRoundTripsOrIsRefused("d", Double::equals,
                List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    }

    @Test
    void bigDecimalsWithUpToTenDecimalPlacesKeepTheirValue() {
        for (String s : List.of("1.25", "0", "-12345678901234567890.1234567890", "3.1415926535",
                "99999999999999999999.9999999999", "0E-10", "1.0000000000")) {
            BigDecimal v = new BigDecimal(s);
            BigDecimal back = roundTrip("dec", v);
            assertEquals(0, v.compareTo(back), "decimal " + s + " came back as " + back);
        }
        assertNull(roundTrip("dec", null));
    }

    @Test
    void decimalsBeyondWhatTheColumnHoldsKeepTheirValueOrAreRefusedNeverRounded() {
        assertRoundTripsOrIsRefused("dec", (a, b) -> a.compareTo(b) == 0, List.of(new BigDecimal("1.12345678901"),
                new BigDecimal("1E+30"), new BigDecimal("0.000000000000000000000000000000000001"),
                new BigDecimal("1" + "0".repeat(100) + ".5")));
    }

    @Test
    void stringsRoundTripIncludingUnicodeOutsideTheBmpAndEmpty() {
        assertRoundTrips("s", "", "plain", "é ü ß", "日本語", "\uD83D\uDE00 emoji \uD834\uDD1E clef",
                "x".repeat(100_000), "trailing space ", "'; DROP TABLE kit_all_types; --");
    }

    @Test
    void theNulCharacterRoundTripsOrIsRefused() {
        assertRoundTripsOrIsRefused("s", String::equals, List.of("\0", "nul\0inside"));
    }

    @Test
    void byteArraysRoundTripIncludingEmptyAndOneMegabyte() {
        byte[] big = new byte[1 << 20];
        new Random(42).nextBytes(big);
        assertArrayEquals(big, roundTrip("bytes", big));
        assertArrayEquals(new byte[0], roundTrip("bytes", new byte[0]));
        assertArrayEquals(new byte[] {0, -1, 127, -128}, roundTrip("bytes", new byte[] {0, -1, 127, -128}));
        assertNull(roundTrip("bytes", null));
    }

    @Test
    void datesAndTimesWithMicrosecondsInYearsOneThousandToNineThousandNineHundredNinetyNineRoundTripExactly() {
        // 2018-11-04 00:00 and 2026-03-29 02:30 do not exist in some zones (DST gaps): values must not
        // pass through the JVM's time zone.
        assertRoundTrips("date", LocalDate.of(2026, 11, 24), LocalDate.of(1000, 1, 1), LocalDate.of(9999, 12, 31),
                LocalDate.of(2018, 11, 4));
        assertRoundTrips("dt", LocalDateTime.of(2026, 11, 24, 5, 30, 1, 123_456_000), LocalDateTime.of(1970, 1, 1, 0, 0),
                LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000), LocalDateTime.of(2024, 2, 29, 12, 0),
                LocalDateTime.of(2026, 3, 29, 2, 30), LocalDateTime.of(2018, 11, 4, 0, 0));
        assertRoundTrips("inst", Instant.ofEpochSecond(1_700_000_000L, 123_456_000), Instant.EPOCH,
                Instant.parse("1000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999Z"),
                Instant.parse("2026-03-29T02:30:00Z"), Instant.parse("2018-11-04T00:00:00Z"));
    }

    /** Drivers that convert through java.sql.Timestamp in the JVM zone move these by an hour. */
    @Test
    void localTimesInADaylightSavingGapOfTheJvmTimeZoneRoundTrip() {
        java.util.TimeZone saved = java.util.TimeZone.getDefault();
        try {
            for (String zone : List.of("Europe/Berlin", "America/Sao_Paulo")) {
                java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(zone));
                assertRoundTrips("dt", LocalDateTime.of(2026, 3, 29, 2, 30, 0, 5_000), LocalDateTime.of(2018, 11, 4, 0, 0));
                assertRoundTrips("inst", Instant.parse("2026-03-29T02:30:00Z"), Instant.parse("2018-11-04T00:00:00Z"));
                assertRoundTrips("date", LocalDate.of(2018, 11, 4));
            }
        } finally {
            java.util.TimeZone.setDefault(saved);
        }
    }

    @Test
    void nanosecondsAreKeptOrTruncatedToMicrosecondsTowardThePast() {
        for (LocalDateTime t : List.of(LocalDateTime.of(2026, 11, 24, 5, 30, 1, 123_456_789),
                LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999))) {
            LocalDateTime back = roundTrip("dt", t);
            assertTrue(sameTime(t, back), t + " came back as " + back);
        }
        for (Instant t : List.of(Instant.ofEpochSecond(1_700_000_000L, 999_999_999), Instant.ofEpochSecond(-1, 999_999_999))) {
            Instant back = roundTrip("inst", t);
            assertTrue(sameTime(t, back), t + " came back as " + back);
        }
    }

    @Test
    void datesOutsideYearsOneThousandToNineThousandNineHundredNinetyNineRoundTripOrAreRefused() {
        assertRoundTripsOrIsRefused("date", LocalDate::equals, List.of(LocalDate.of(1, 1, 1), LocalDate.of(999, 12, 31),
                LocalDate.of(0, 1, 1), LocalDate.of(-1, 12, 31), LocalDate.of(10000, 1, 1)));
        assertRoundTripsOrIsRefused("dt", LocalDateTime::equals, List.of(LocalDateTime.of(1, 1, 1, 0, 0),
                LocalDateTime.of(10000, 1, 1, 0, 0)));
        assertRoundTripsOrIsRefused("inst", Instant::equals, List.of(Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("+10000-01-01T00:00:00Z")));
    }

    @Test
    void instantsMatchThemselvesInEqualityAndRangeCriteria() {
        Instant t = Instant.parse("2026-06-01T12:00:00.5Z");
        roundTrip("inst", t);
        Column<Instant> inst = T.column("inst", Instant.class);
        assertEquals(List.of(t), db.query(Sql.select(inst).from(T).where(inst.eq(t)), r -> r.get(inst)));
        assertEquals(List.of(t), db.query(Sql.select(inst).from(T).where(inst.between(t.minusMillis(1), t.plusMillis(1))),
                r -> r.get(inst)));
    }

    /**
     * Extremes ({@code Instant.MIN} escaped as a raw DateTimeException naming no column; PostgreSQL
     * read dates before 4713 BC back as another date): each is refused naming column and value where
     * the dialect's storage rule says the column cannot hold it, and otherwise comes back as its
     * stored form (or is refused as promised).
     */
    @Test
    void dateTimesNoColumnHoldsAreRefusedNamingColumnAndValueBeforeTheStatementRuns() throws Exception {
        assertStoredOrRefusedByTheRule("inst", Instant.MIN, Instant.MAX, Instant.parse("-4713-12-31T23:59:59.999999Z"),
                Instant.parse("+294277-01-01T00:00:00Z"), Instant.parse("+10000-01-01T00:00:00Z"));
        assertStoredOrRefusedByTheRule("dt", LocalDateTime.MIN, LocalDateTime.MAX, LocalDateTime.of(-4713, 12, 31, 23, 59),
                LocalDateTime.of(999, 12, 31, 23, 59));
        assertStoredOrRefusedByTheRule("date", LocalDate.MIN, LocalDate.MAX, LocalDate.of(-4713, 12, 31),
                LocalDate.of(999, 12, 31));
    }

    @SafeVarargs
    private <V> void assertStoredOrRefusedByTheRule(String name, V... values) {
        @SuppressWarnings("unchecked")
        io.athanor.sql.spi.ValueType<V> type = (io.athanor.sql.spi.ValueType<V>) dialect().valueType(T.column(name).type());
        for (V v : values) {
            V expected;
            try {
                expected = type.stored(v);
            } catch (java.sql.SQLDataException refused) {
                assertRefusedNamingTheColumn(name, v);
                continue;
            }
            storedOrRefused(name, v).ifPresent(back -> assertEquals(expected, back, dialect().name() + " stored " + v
                    + " in column " + name + " as " + back + ", not as its stored form " + expected));
        }
    }

    @Test
    void theOldestAndNewestDateTimesAColumnHoldsRoundTripAsItsStoredForm() {
        // whatever range a dialect states, its edges are stored, and anything beyond is refused, never changed
        assertRoundTripsOrIsRefused("inst", SqlValueTests::sameTime, List.of(Instant.parse("-4712-01-01T00:00:00Z"),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("+294276-12-31T23:59:59.999999999Z")));
        assertRoundTripsOrIsRefused("date", LocalDate::equals, List.of(LocalDate.of(-4712, 1, 1), LocalDate.of(0, 1, 1)));
    }

    @Test
    void stringsWithALoneSurrogateAreRefusedNamingTheColumn() {
        for (String v : List.of("ab\uD800", "\uDC00", "x\uDBFFy", "\uDE00\uD83D")) {
            assertRefusedNamingTheColumn("s", v);
        }
        Column<String> s = T.column("s", String.class);
        SqlException e = assertThrows(SqlException.class, () -> db.query(Sql.select(ID).from(T).where(s.eq("ab\uD800")),
                r -> r.get(ID)));
        assertTrue(e.getMessage().startsWith("column kit_all_types.s:"), e.getMessage());
    }

    @Test
    void nonFiniteDoublesAreStoredExactlyOrRefusedNamingTheColumnAsTheDialectStates() {
        for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            Double stored;
            try {
                stored = dialect().valueType(Double.class).stored(v);
            } catch (java.sql.SQLDataException refused) {
                assertRefusedNamingTheColumn("d", v);
                continue;
            }
            assertEquals(stored, roundTrip("d", v), dialect().name() + " states it stores " + v);
        }
    }

    /** The one rule: what a read returns is the dialect's stored form of what was written (so the evaluator can use it). */
    @Test
    void whatComesBackIsTheDialectsStoredFormOfTheValue() throws Exception {
        assertStoredForm("d", -0.0, 0.0, 1.5, -Double.MIN_VALUE);
        assertStoredForm("inst", Instant.ofEpochSecond(1_700_000_000L, 123_456_789), Instant.ofEpochSecond(-1, 999_999_999));
        assertStoredForm("dt", LocalDateTime.of(2026, 11, 24, 5, 30, 1, 123_456_789), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 1));
        assertStoredForm("s", "plain", "\uD83D\uDE00");
    }

    @SafeVarargs
    private <V> void assertStoredForm(String name, V... values) throws Exception {
        @SuppressWarnings("unchecked")
        io.athanor.sql.spi.ValueType<V> type = (io.athanor.sql.spi.ValueType<V>) dialect().valueType(T.column(name).type());
        for (V v : values) {
            V expected = type.stored(v);
            V back = roundTrip(name, v);
            assertEquals(expected, back, dialect().name() + ": " + v + " in column " + name + " came back as " + back
                    + ", but the dialect's stored form (the evaluator's rule) is " + expected);
        }
    }

    @Test
    void uuidsAndEnumsRoundTrip() {
        assertRoundTrips("uuid", UUID.randomUUID(), new UUID(0, 0), new UUID(-1, -1));
        assertRoundTrips("color", Color.RED, Color.GREEN);
    }

    @Test
    void aWholeRowOfEveryTypeRoundTripsThroughSelectStar() {
        Object[] values = {true, 7, 8L, 9.5, new BigDecimal("1.2500000000"), "s", new byte[] {1}, LocalDate.of(2020, 2, 29),
                LocalDateTime.of(2020, 2, 29, 1, 2, 3), Instant.ofEpochMilli(5), new UUID(1, 2), Color.GREEN};
        Insert insert = Sql.insertInto(T);
        for (int i = 0; i < values.length; i++) {
            insert = setParam(insert, T.columns().get(i + 1), i);
        }
        Insert all = insert;
        Long key = db.inTransaction(tx -> tx.insertReturningKeys(all, List.<Object[]>of(values), ID).get(0));
        Object[] back = db.query(Sql.select().from(T).where(ID.eq(key)), r -> {
            Object[] out = new Object[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = r.get(i + 1);
            }
            return out;
        }).get(0);
        assertEquals(0, ((BigDecimal) values[4]).compareTo((BigDecimal) back[4]), "decimal " + back[4]);
        values[4] = back[4]; // decimals keep their value, not necessarily their scale
        assertEquals(java.util.Arrays.deepToString(values), java.util.Arrays.deepToString(back));
    }

    private static <X> Insert setParam(Insert insert, Column<X> c, int slot) {
        return insert.set(c, Sql.param(slot, c.type()));
    }
}
