package io.athanor.sql.dialect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.athanor.sql.Column;
import io.athanor.sql.ColumnOption;
import io.athanor.sql.Database;
import io.athanor.sql.Sql;
import io.athanor.sql.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every contract type written and read back through a real server, as {@code ValueRoundTripTest}
 * does for SQLite; subclasses add what differs per server (extremes, decimals, NaN).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerValuesTestBase {
    enum Color { RED, GREEN }

    static final Table T = Table.builder("all_types")
            .column("id", Long.class, ColumnOption.PRIMARY_KEY, ColumnOption.GENERATED)
            .column("b", Boolean.class).column("i", Integer.class).column("l", Long.class)
            .column("d", Double.class).column("dec", BigDecimal.class).column("s", String.class)
            .column("bytes", byte[].class).column("date", LocalDate.class).column("dt", LocalDateTime.class)
            .column("inst", Instant.class).column("uuid", UUID.class).column("color", Color.class)
            .build();
    static final Column<Long> ID = T.column("id", Long.class);

    ServerDatabases server;
    Database db;

    abstract ServerDatabases.Server server();

    /** Why the server is unavailable, or null; re-raised before each test so each shows as skipped. */
    String skipped;

    @BeforeAll
    void openServer() {
        try {
            server = ServerDatabases.open(server());
        } catch (org.opentest4j.TestAbortedException e) {
            skipped = e.getMessage();
            return;
        }
        db = server.db();
        db.createTables(T);
    }

    @org.junit.jupiter.api.BeforeEach
    void requireServer() {
        org.junit.jupiter.api.Assumptions.assumeTrue(skipped == null, () -> skipped);
    }

    @AfterAll
    void closeServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Inserts {@code value} into column {@code name} and reads it back. */
    @SuppressWarnings("unchecked")
    <V> V roundTrip(String name, V value) {
        Column<V> c = (Column<V>) T.column(name);
        return db.inTransaction(tx -> {
            Long key = tx.query(Sql.insertInto(T).set(c, value).returning(ID), r -> r.<Long>get(0)).get(0);
            return tx.query(Sql.select(c).from(T).where(ID.eq(key)), r -> r.get(c)).get(0);
        });
    }

    void assertRoundTrips(String column, Object... values) {
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
    void finiteDoublesRoundTripIncludingExtremes() {
        assertRoundTrips("d", 0.0, 1.5, -2.25, Double.MAX_VALUE, Double.MIN_VALUE, -Double.MAX_VALUE,
                Double.MIN_NORMAL, 0.1 + 0.2, 1e-300);
    }

    @Test
    void bigDecimalsOfScaleTenRoundTripExactly() {
        assertRoundTrips("dec", new BigDecimal("1.0000000000"), new BigDecimal("-12345678901234567890.1234567890"),
                new BigDecimal("0E-10"), new BigDecimal("3.1415926535"), new BigDecimal("99999999999999999999.9999999999"));
        assertEquals(10, roundTrip("dec", new BigDecimal("3.1415926535")).scale());
    }

    @Test
    void stringsRoundTripIncludingUnicodeOutsideTheBmpAndEmpty() {
        assertRoundTrips("s", "", "plain", "é ü ß", "日本語", "\uD83D\uDE00 emoji \uD834\uDD1E clef", "x".repeat(100_000),
                "trailing space ", "'; DROP TABLE all_types; --");
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
    void datesAndTimesWithMicrosecondsRoundTripExactly() {
        // 2018-11-04 00:00 and 2026-03-29 02:30 do not exist in some zones (DST gaps: Sao Paulo, Berlin):
        // values must not pass through the JVM's time zone. Run with -Duser.timezone=... to check.
        assertRoundTrips("date", LocalDate.of(2026, 11, 24), LocalDate.of(1000, 1, 1), LocalDate.of(9999, 12, 31),
                LocalDate.of(2018, 11, 4));
        assertRoundTrips("dt", LocalDateTime.of(2026, 11, 24, 5, 30, 1, 123_456_000),
                LocalDateTime.of(1970, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000),
                LocalDateTime.of(2024, 2, 29, 12, 0), LocalDateTime.of(2026, 3, 29, 2, 30), LocalDateTime.of(2018, 11, 4, 0, 0));
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
    void nanosecondsAreTruncatedToMicrosecondsTowardThePast() {
        assertEquals(LocalDateTime.of(2026, 11, 24, 5, 30, 1, 123_456_000),
                roundTrip("dt", LocalDateTime.of(2026, 11, 24, 5, 30, 1, 123_456_789)));
        assertEquals(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000),
                roundTrip("dt", LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999)));
        assertEquals(Instant.ofEpochSecond(1_700_000_000L, 999_999_000),
                roundTrip("inst", Instant.ofEpochSecond(1_700_000_000L, 999_999_999)));
        assertEquals(Instant.parse("1969-12-31T23:59:59.999999Z"), roundTrip("inst", Instant.ofEpochSecond(-1, 999_999_999)));
    }

    @Test
    void instantsMatchThemselvesInEqualityAndRangeCriteria() {
        Instant t = Instant.parse("2026-06-01T12:00:00.5Z");
        Long key = db.inTransaction(tx -> tx.query(Sql.insertInto(T).set(T.column("inst", Instant.class), t).returning(ID),
                r -> r.<Long>get(0)).get(0));
        Column<Instant> inst = T.column("inst", Instant.class);
        assertEquals(List.of(key), db.query(Sql.select(ID).from(T).where(inst.eq(t)), r -> r.get(ID)));
        assertEquals(List.of(key), db.query(Sql.select(ID).from(T).where(inst.between(t.minusMillis(1), t.plusMillis(1))),
                r -> r.get(ID)));
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
        io.athanor.sql.Insert built = Sql.insertInto(T);
        for (int i = 0; i < values.length; i++) {
            built = set(built, T.columns().get(i + 1), values[i]);
        }
        io.athanor.sql.Insert insert = built.returning(ID);
        Long key = db.inTransaction(tx -> tx.query(insert, r -> r.<Long>get(0)).get(0));
        List<Object[]> rows = db.query(Sql.select().from(T).where(ID.eq(key)), r -> {
            Object[] out = new Object[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = r.get(i + 1);
            }
            return out;
        });
        assertEquals(java.util.Arrays.deepToString(values), java.util.Arrays.deepToString(rows.get(0)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static io.athanor.sql.Insert set(io.athanor.sql.Insert insert, Column c, Object v) {
        return insert.set(c, v);
    }
}
