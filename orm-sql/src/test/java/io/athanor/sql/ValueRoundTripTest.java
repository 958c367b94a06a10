package io.athanor.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the SQLite dialect keeps that other databases may not: decimals of any precision and
 * scale (of undeclared scale: canonical text), nanoseconds, and text-encoded times that sort in time order. The round trips of
 * every contract type on every dialect, SQLite included, are the kit's: io.athanor.test.kit.SqlLayerSuite.
 */
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
    void instantsAndLocalDateTimesKeepTheirNanoseconds() {
        assertRoundTrips("dt", LocalDateTime.of(2026, 11, 24, 5, 30, 1, 123_456_789));
        assertRoundTrips("inst", Instant.ofEpochSecond(1_700_000_000L, 123_456_789));
    }

    /** Canonical text: one stored form per number, so that SQL equality is numeric equality. */
    @Test
    void decimalsOfUndeclaredScaleKeepTheirValueWithoutTrailingZeros() {
        assertRoundTrips("dec", new BigDecimal("-12345678901234567890.123456789"), new BigDecimal("1E+30"),
                BigDecimal.ZERO, new BigDecimal("3.1415926535"), new BigDecimal("1E-400"));
        assertEquals(BigDecimal.ONE, roundTrip("dec", new BigDecimal("1.0000000000")));
        assertEquals(BigDecimal.ZERO, roundTrip("dec", new BigDecimal("0E-10")));
        assertEquals(new BigDecimal("1000"), roundTrip("dec", new BigDecimal("1000.00")));
    }

    /** A table made before its decimal column declared a scale holds text: reading it is refused, not truncated. */
    @Test
    void aDeclaredScaleColumnOverOldTextValuesIsRefusedWhenReadNotTruncated() {
        Table before = Table.builder("ledger").column("id", Long.class, ColumnOption.PRIMARY_KEY)
                .column("total", BigDecimal.class).build();
        Table after = Table.builder("ledger").column("id", Long.class, ColumnOption.PRIMARY_KEY)
                .decimal("total", 10, 2).build();
        db.createTables(before);
        db.execute(Sql.insertInto(before).set(before.column("id", Long.class), 1L)
                .set(before.column("total", BigDecimal.class), new BigDecimal("10.5")));
        Column<BigDecimal> total = after.column("total", BigDecimal.class);
        SqlException e = org.junit.jupiter.api.Assertions.assertThrows(SqlException.class,
                () -> db.query(Sql.select(total).from(after), r -> r.get(total)));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("ledger.total holds 10.5"), e.getMessage());
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
}
