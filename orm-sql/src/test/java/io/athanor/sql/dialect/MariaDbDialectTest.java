package io.athanor.sql.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.sql.Database;
import io.athanor.sql.Sql;
import io.athanor.sql.SqlException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

/** The MariaDB dialect against a real server (skipped when none answers; see {@link ServerDatabases}). */
class MariaDbDialectTest extends ServerDialectTestBase {
    @Override
    ServerDatabases.Server server() {
        return ServerDatabases.Server.MARIADB;
    }

    @Test
    void updateReturningIsRefusedWithAClearMessageBeforeAnySqlRuns() {
        insertFoos(1);
        SqlException e = assertThrows(SqlException.class,
                () -> db.query(Sql.update(STUFF).set(FOO, 5).returning(ID), r -> r.get(ID)));
        assertTrue(e.getMessage().contains("does not support RETURNING for UPDATE"), e.getMessage());
        assertEquals(List.of(1), db.query(Sql.select(FOO).from(STUFF), r -> r.get(FOO)));
    }

    @Test
    void generatedKeysAreAutoIncrementAndTheDdlQuotesNamesWithBackticks() {
        assertEquals("CREATE TABLE IF NOT EXISTS `stuff` (`id` BIGINT AUTO_INCREMENT NOT NULL, `foo` INT, "
                + "`big` BIGINT, `name` LONGTEXT CHARACTER SET utf8mb4, PRIMARY KEY (`id`))", db.createTableSql(STUFF));
    }

    @Test
    void divisionByZeroInAQueryIsNull() {
        insertFoos(1);
        assertEquals(Collections.singletonList(null), db.query(Sql.select(FOO.dividedBy(0)).from(STUFF), r -> r.<Integer>get(0)));
        assertEquals(Collections.singletonList(null), db.query(Sql.select(FOO.mod(0)).from(STUFF), r -> r.<Integer>get(0)));
        assertEquals(0, db.query(Sql.select(FOO).from(STUFF).where(FOO.dividedBy(0).eq(0)), r -> r.get(FOO)).size());
    }

    @Test
    void divisionByZeroInAnUpdatedValueIsAnErrorUnderTheDefaultStrictMode() {
        insertFoos(1);
        assertThrows(SqlException.class, () -> db.execute(Sql.update(STUFF).set(FOO, FOO.dividedBy(0))));
        assertEquals(List.of(1), db.query(Sql.select(FOO).from(STUFF), r -> r.get(FOO)));
    }

    @Test
    void stringComparisonIsCaseInsensitiveSoTheEvaluatorMustNotTrustIt() {
        insertFoos(1);
        assertEquals(List.of(1), db.query(Sql.select(FOO).from(STUFF).where(NAME.eq("N1")), r -> r.get(FOO)));
        assertEquals(List.of(1), db.query(Sql.select(FOO).from(STUFF).where(NAME.eq("n1 ")), r -> r.get(FOO)));
        assertEquals(io.athanor.sql.spi.Comparability.NONE, db.dialect().comparability(String.class));
    }

    /**
     * Connector/J computes batch keys from the first id when it sends a bulk insert, which is wrong
     * if another connection's rows interleave; the dialect turns bulk inserts off so each row's own
     * id comes back. Four connections insert batches at once and every key must name its own row.
     */
    @Test
    void batchKeysStayRightWhileOtherConnectionsInsertConcurrently() throws Exception {
        io.athanor.sql.Insert insert = Sql.insertInto(STUFF).set(FOO, Sql.param(0, Integer.class))
                .set(NAME, Sql.param(1, String.class));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int round = 0; round < 10; round++) {
                        String prefix = thread + "-" + round + "-";
                        List<Object[]> rows = java.util.stream.IntStream.range(0, 100)
                                .mapToObj(i -> new Object[] {i, prefix + i}).toList();
                        List<Long> keys = db.inTransaction(tx -> tx.insertReturningKeys(insert, rows, ID));
                        List<String> names = db.query(Sql.select(NAME).from(STUFF).where(ID.in(keys)).orderBy(ID.asc()),
                                r -> r.get(NAME));
                        List<String> expected = new java.util.ArrayList<>();
                        java.util.stream.IntStream.range(0, 100).forEach(i -> expected.add(prefix + i));
                        List<Long> sortedKeys = keys.stream().sorted().toList();
                        List<String> byKeyOrder = new java.util.ArrayList<>();
                        for (Long k : sortedKeys) {
                            byKeyOrder.add(expected.get(keys.indexOf(k)));
                        }
                        assertEquals(byKeyOrder, names, "keys of batch " + prefix);
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                f.get(120, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(4000, count());
    }

    @Test
    void aGivenDataSourceIsRecognisedByItsProductName() throws Exception {
        MariaDbDataSource ds = new MariaDbDataSource(ServerDatabases.Server.MARIADB.url);
        ds.setUser(ServerDatabases.Server.MARIADB.user);
        ds.setPassword(ServerDatabases.Server.MARIADB.password);
        try (Database given = Database.builder().dataSource(ds).build()) {
            assertInstanceOf(MariaDbDialect.class, given.dialect());
        }
    }
}
