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
                + "`big` BIGINT, `name` TEXT CHARACTER SET utf8mb4, PRIMARY KEY (`id`))", db.createTableSql(STUFF));
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
