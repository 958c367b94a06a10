package io.athanor.sql.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.sql.Sql;
import io.athanor.sql.SqlException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Value round trips on MariaDB, with its narrower types (see {@link ServerValuesTestBase}). */
class MariaDbValuesTest extends ServerValuesTestBase {
    @Override
    ServerDatabases.Server server() {
        return ServerDatabases.Server.MARIADB;
    }

    @Test
    void bigDecimalsComeBackWithScaleTenAndTheSameValue() {
        BigDecimal back = roundTrip("dec", new BigDecimal("1.25"));
        assertEquals(new BigDecimal("1.2500000000"), back);
        assertEquals(0, roundTrip("dec", new BigDecimal("1E+30")).compareTo(new BigDecimal("1E+30")));
        assertEquals(new BigDecimal("2.0000000000"), roundTrip("dec", new BigDecimal("2.000000000000000")));
    }

    @Test
    void aBigDecimalNeedingMoreThanTenDecimalPlacesIsRefusedNotRounded() {
        SqlException e = assertThrows(SqlException.class, () -> roundTrip("dec", new BigDecimal("1.12345678901")));
        assertTrue(e.getMessage().contains("10 decimal places"), e.getMessage());
    }

    @Test
    void infinitiesAndNaNAreRefusedBecauseDoubleHasNone() {
        for (double d : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN}) {
            assertThrows(SqlException.class, () -> db.execute(Sql.insertInto(T).set(T.column("d", Double.class), d)),
                    String.valueOf(d));
        }
    }
}
