package io.athanor.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every contract type written and read back unchanged through a real SQLite file. */
class ValueRoundTripTest {
    enum Color { RED, GREEN }

    static final Table T = Table.builder("all_types")
            .column("id", Long.class, ColumnOption.PRIMARY_KEY, ColumnOption.GENERATED)
            .column("b", Boolean.class).column("i", Integer.class).column("l", Long.class)
            .column("d", Double.class).column("dec", BigDecimal.class).column("s", String.class)
            .column("bytes", byte[].class).column("date", LocalDate.class).column("dt", LocalDateTime.class)
            .column("inst", Instant.class).column("uuid", UUID.class).column("color", Color.class)
            .build();

    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() {
        db = SqliteFiles.open(dir);
        db.createTables(T);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Inserts {@code value} into column {@code name} and reads it back. */
    @SuppressWarnings("unchecked")
    private <V> V roundTrip(String name, V value) {
        Column<V> c = (Column<V>) T.column(name);
        Column<Long> id = T.column("id", Long.class);
        return db.inTransaction(tx -> {
            Long key = tx.query(Sql.insertInto(T).set(c, value).returning(id), r -> r.<Long>get(0)).get(0);
            return tx.query(Sql.select(c).from(T).where(id.eq(key)), r -> r.get(c)).get(0);
        });
    }

    private void assertRoundTrips(String column, Object... values) {
        for (Object v : values) {
            assertEquals(v, roundTrip(column, v), "column " + column + " value " + v);
        }
        assertNull(roundTrip(column, null), "column " + column + " null");
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
    void doublesRoundTripIncludingExtremes() {
        assertRoundTrips("d", 0.0, 1.5, -2.25, Double.MAX_VALUE, Double.MIN_VALUE, -Double.MAX_VALUE,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1 + 0.2);
    }

    @Test
    void bigDecimalsKeepTheirScale() {
        assertRoundTrips("dec", new BigDecimal("1.0000000000"), new BigDecimal("-12345678901234567890.1234567890"),
                new BigDecimal("0E-10"), new BigDecimal("1E+30"), BigDecimal.ZERO);
        assertEquals(10, roundTrip("dec", new BigDecimal("3.1415926535")).scale());
    }

    @Test
    void stringsRoundTripIncludingUnicodeOutsideTheBmpAndEmpty() {
        assertRoundTrips("s", "", "plain", "é ü ß", "日本語", "\uD83D\uDE00 emoji \uD834\uDD1E clef", "x".repeat(100_000));
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
    void datesAndTimesRoundTripWithNanoseconds() {
        assertRoundTrips("date", LocalDate.of(2026, 11, 24), LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31));
        assertRoundTrips("dt", LocalDateTime.of(2026, 11, 24, 5, 30, 1, 123_456_789),
                LocalDateTime.of(1970, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999));
        assertRoundTrips("inst", Instant.ofEpochSecond(1_700_000_000L, 123_456_789), Instant.EPOCH,
                Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"));
    }

    @Test
    void uuidsAndEnumsRoundTrip() {
        assertRoundTrips("uuid", UUID.randomUUID(), new UUID(0, 0), new UUID(-1, -1));
        assertRoundTrips("color", Color.RED, Color.GREEN);
    }

    @Test
    void timesStoredAsTextSortInTimeOrder() {
        List<LocalDateTime> times = new ArrayList<>(List.of(LocalDateTime.of(2026, 1, 1, 0, 0, 0, 5),
                LocalDateTime.of(2026, 1, 1, 0, 0), LocalDateTime.of(2025, 12, 31, 23, 59, 59, 999_999_999),
                LocalDateTime.of(2026, 1, 1, 0, 0, 0, 100)));
        Column<LocalDateTime> dt = T.column("dt", LocalDateTime.class);
        db.inTransaction(tx -> {
            for (LocalDateTime t : times) {
                tx.execute(Sql.insertInto(T).set(dt, t));
            }
            return null;
        });
        List<LocalDateTime> sorted = db.query(Sql.select(dt).from(T).orderBy(dt.asc()), r -> r.get(dt));
        times.sort(null);
        assertEquals(times, sorted);
    }

    @Test
    void aWholeRowOfEveryTypeRoundTripsThroughSelectStar() {
        Object[] values = {true, 7, 8L, 9.5, new BigDecimal("1.25"), "s", new byte[] {1}, LocalDate.of(2020, 2, 29),
                LocalDateTime.of(2020, 2, 29, 1, 2, 3), Instant.ofEpochMilli(5), new UUID(1, 2), Color.GREEN};
        Insert insert = Sql.insertInto(T);
        for (int i = 0; i < values.length; i++) {
            insert = set(insert, T.columns().get(i + 1), values[i]);
        }
        db.execute(insert);
        List<Object[]> rows = db.query(Sql.select().from(T), r -> {
            Object[] out = new Object[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = r.get(i + 1);
            }
            return out;
        });
        assertEquals(1, rows.size());
        assertEquals(Arrays.deepToString(values), Arrays.deepToString(rows.get(0)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Insert set(Insert insert, Column c, Object v) {
        return insert.set(c, v);
    }
}
