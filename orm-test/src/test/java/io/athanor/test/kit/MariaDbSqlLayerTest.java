package io.athanor.test.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.sql.Database;
import io.athanor.sql.Insert;
import io.athanor.sql.Sql;
import io.athanor.sql.SqlException;
import io.athanor.sql.dialect.MariaDbDialect;
import io.athanor.sql.spi.Comparability;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * The kit's {@link SqlLayerSuite} on MariaDB (skipped when the server does not answer; see
 * {@link ServerTarget}), plus what is specific to it: its DDL, DECIMAL(65,10), DOUBLE without NaN,
 * case-insensitive collations, strict-mode errors and batch keys under concurrency.
 */
class MariaDbSqlLayerTest extends SqlLayerSuite {
    private final ServerTarget server = KitTargets.mariadb();

    @Override
    protected KitTarget target() {
        return server;
    }

    @Test
    void generatedKeysAreAutoIncrementAndTheDdlQuotesNamesWithBackticks() {
        assertEquals("CREATE TABLE IF NOT EXISTS `kit_stuff` (`id` BIGINT AUTO_INCREMENT NOT NULL, `foo` INT, "
                + "`big` BIGINT, `name` LONGTEXT CHARACTER SET utf8mb4, PRIMARY KEY (`id`))", db.createTableSql(STUFF));
    }

    @Test
    void divisionByZeroInAnUpdatedValueIsAnErrorUnderTheDefaultStrictMode() {
        insertFoos(1);
        assertEquals(0, db.query(Sql.select(FOO).from(STUFF).where(FOO.dividedBy(0).eq(0)), r -> r.get(FOO)).size());
        assertThrows(SqlException.class, () -> db.execute(Sql.update(STUFF).set(FOO, FOO.dividedBy(0))));
        assertEquals(List.of(1), db.query(Sql.select(FOO).from(STUFF), r -> r.get(FOO)));
    }

    @Test
    void stringComparisonIsCaseInsensitiveSoTheEvaluatorMustNotTrustIt() {
        insertFoos(1);
        assertEquals(List.of(1), db.query(Sql.select(FOO).from(STUFF).where(NAME.eq("N1")), r -> r.get(FOO)));
        assertEquals(List.of(1), db.query(Sql.select(FOO).from(STUFF).where(NAME.eq("n1 ")), r -> r.get(FOO)));
        assertEquals(Comparability.NONE, db.dialect().comparability(String.class));
    }

    @Test
    void bigDecimalsComeBackWithScaleTenAndTheSameValue() {
        assertEquals(new BigDecimal("1.2500000000"), roundTrip("dec", new BigDecimal("1.25")));
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
            assertThrows(SqlException.class, () -> roundTrip("d", d), String.valueOf(d));
        }
    }

    /**
     * Connector/J computes batch keys from the first id when it sends a bulk insert, which is wrong
     * if another connection's rows interleave; the dialect turns bulk inserts off so each row's own
     * id comes back. Four connections insert batches at once and every key must name its own row.
     */
    @Test
    void batchKeysStayRightWhileOtherConnectionsInsertConcurrently() throws Exception {
        Insert insert = Sql.insertInto(STUFF).set(FOO, Sql.param(0, Integer.class)).set(NAME, Sql.param(1, String.class));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int round = 0; round < 10; round++) {
                        String prefix = thread + "-" + round + "-";
                        List<Object[]> rows = IntStream.range(0, 100).mapToObj(i -> new Object[] {i, prefix + i}).toList();
                        List<Long> keys = db.inTransaction(tx -> tx.insertReturningKeys(insert, rows, ID));
                        List<String> names = db.query(Sql.select(NAME).from(STUFF).where(ID.in(keys)).orderBy(ID.asc()),
                                r -> r.get(NAME));
                        List<String> byKeyOrder = new ArrayList<>();
                        for (Long k : keys.stream().sorted().toList()) {
                            byKeyOrder.add(prefix + keys.indexOf(k));
                        }
                        assertEquals(byKeyOrder, names, "keys of batch " + prefix);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(4000, count());
    }

    @Test
    void aGivenDataSourceIsRecognisedByItsProductName() throws Exception {
        MariaDbDataSource ds = new MariaDbDataSource(server.url());
        ds.setUser(server.user());
        ds.setPassword(server.password());
        try (Database given = Database.builder().dataSource(ds).build()) {
            assertInstanceOf(MariaDbDialect.class, given.dialect());
        }
    }
}
