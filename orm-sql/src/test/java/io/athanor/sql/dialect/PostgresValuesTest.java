package io.athanor.sql.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** Value round trips on PostgreSQL, with its wider ranges (see {@link ServerValuesTestBase}). */
class PostgresValuesTest extends ServerValuesTestBase {
    @Override
    ServerDatabases.Server server() {
        return ServerDatabases.Server.POSTGRESQL;
    }

    @Test
    void infinitiesAndNaNRoundTrip() {
        assertRoundTrips("d", Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN);
    }

    @Test
    void bigDecimalsKeepWhateverScaleTheyHave() {
        assertRoundTrips("dec", new BigDecimal("1.25"), new BigDecimal("1.250"), BigDecimal.ZERO,
                new BigDecimal("0.000000000000000000000000000000000001"), new BigDecimal("1" + "0".repeat(100) + ".5"));
        assertEquals(3, roundTrip("dec", new BigDecimal("1.250")).scale());
    }

    @Test
    void aNegativeScaleComesBackAsTheSameNumberWithScaleZero() {
        BigDecimal back = roundTrip("dec", new BigDecimal("1E+30"));
        assertEquals(0, back.compareTo(new BigDecimal("1E+30")));
        assertEquals(0, back.scale());
    }

    @Test
    void datesBeforeYearOneThousandRoundTrip() {
        assertRoundTrips("date", LocalDate.of(1, 1, 1), LocalDate.of(999, 12, 31));
        assertRoundTrips("dt", LocalDateTime.of(1, 1, 1, 0, 0));
        assertRoundTrips("inst", Instant.parse("0001-01-01T00:00:00Z"));
    }
}
