package io.athanor.sql.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.sql.Column;
import io.athanor.sql.ColumnOption;
import io.athanor.sql.Sql;
import io.athanor.sql.SqlException;
import io.athanor.sql.Table;
import io.athanor.sql.internal.Ddl;
import io.athanor.sql.internal.SqlCompiler;
import io.athanor.sql.spi.Dialect;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The DDL of decimal columns on each dialect, and the SQLite compiler's refusals, checked without a server. */
class DecimalDdlTest {
    static final Table T = Table.builder("inv")
            .column("id", Long.class, ColumnOption.PRIMARY_KEY)
            .decimal("total", 10, 2, ColumnOption.NOT_NULL)
            .decimal("rate", 0, 4)
            .column("amount", BigDecimal.class)
            .build();
    static final Column<BigDecimal> TOTAL = T.column("total", BigDecimal.class);
    static final Column<BigDecimal> RATE = T.column("rate", BigDecimal.class);
    static final Column<BigDecimal> AMOUNT = T.column("amount", BigDecimal.class);

    @Test
    void eachDialectDeclaresPrecisionAndScaleAndKeepsItsDefaultWhenNoScaleIsDeclared() {
        assertEquals("CREATE TABLE IF NOT EXISTS \"inv\" (\"id\" BIGINT NOT NULL, \"total\" NUMERIC(10,2) NOT NULL,"
                + " \"rate\" NUMERIC(1000,4), \"amount\" NUMERIC, PRIMARY KEY (\"id\"))",
                Ddl.createTable(new PostgresDialect(), T));
        assertEquals("CREATE TABLE IF NOT EXISTS `inv` (`id` BIGINT NOT NULL, `total` DECIMAL(10,2) NOT NULL,"
                + " `rate` DECIMAL(65,4), `amount` DECIMAL(65,10), PRIMARY KEY (`id`))",
                Ddl.createTable(new MariaDbDialect(), T));
        assertEquals("CREATE TABLE IF NOT EXISTS \"inv\" (\"id\" INTEGER CONSTRAINT \"inv_id_int64\" CHECK (typeof(\"id\") IN ('integer', 'null')) NOT NULL,"
                + " \"total\" INTEGER CHECK (\"total\" BETWEEN -9999999999 AND 9999999999) NOT NULL,"
                + " \"rate\" INTEGER CHECK (\"rate\" BETWEEN -999999999999999999 AND 999999999999999999),"
                + " \"amount\" TEXT, PRIMARY KEY (\"id\"))",
                Ddl.createTable(new SqliteDialect(), T));
    }

    @Test
    void aDeclarationThatCannotHoldItsScaleIsRefusedNamingTheColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Table.builder("t").decimal("x", 2, 3));
        assertTrue(e.getMessage().contains("column x") && e.getMessage().contains("scale 3 exceeds precision 2"),
                e.getMessage());
        Table wide = Table.builder("t").decimal("x", 19, 2).build();
        IllegalArgumentException tooWide = assertThrows(IllegalArgumentException.class,
                () -> Ddl.createTable(new SqliteDialect(), wide));
        assertTrue(tooWide.getMessage().contains("t.x") && tooWide.getMessage().contains("18"), tooWide.getMessage());
    }

    @Test
    void sqliteRefusesWhatItWouldCompareAsTextOrAsIntegersOfAnotherScale() {
        Dialect sqlite = new SqliteDialect();
        assertRefused(sqlite, Sql.select(TOTAL).from(T).where(AMOUNT.gt(BigDecimal.ONE)), "inv.amount", "@Column(scale");
        assertRefused(sqlite, Sql.select(TOTAL).from(T).orderBy(AMOUNT.desc()), "inv.amount", "scale");
        assertRefused(sqlite, Sql.select(TOTAL).from(T).where(TOTAL.lt(RATE)), "inv.total", "inv.rate");
        assertRefused(sqlite, Sql.select(TOTAL).from(T).where(TOTAL.eq(AMOUNT)), "inv.total", "inv.amount");
        assertRefused(sqlite, Sql.update(T).set(TOTAL, TOTAL.times(new BigDecimal("2"))), "inv.total", "multiply");
        assertRefused(sqlite, Sql.update(T).set(AMOUNT, AMOUNT.plus(BigDecimal.ONE)), "inv.amount", "text");
        assertRefused(sqlite, Sql.update(T).set(RATE, TOTAL), "inv.rate", "inv.total");
        assertRefused(sqlite, Sql.select(Sql.function("abs", BigDecimal.class, TOTAL)).from(T), "inv.total", "abs");
        // What SQLite computes exactly is allowed, and the same statements compile on the servers.
        SqlCompiler.compile(sqlite, Sql.select(TOTAL).from(T).where(TOTAL.plus(BigDecimal.ONE).gt(BigDecimal.TEN))
                .orderBy(TOTAL.asc()));
        SqlCompiler.compile(sqlite, Sql.select(AMOUNT).from(T).where(AMOUNT.in(BigDecimal.ONE, BigDecimal.TEN)));
        for (Dialect server : new Dialect[] {new PostgresDialect(), new MariaDbDialect()}) {
            SqlCompiler.compile(server, Sql.select(TOTAL).from(T).where(TOTAL.lt(RATE)).orderBy(AMOUNT.desc()));
            SqlCompiler.compile(server, Sql.update(T).set(TOTAL, TOTAL.times(new BigDecimal("2"))));
        }
    }

    private static void assertRefused(Dialect d, io.athanor.sql.Statement statement, String... names) {
        SqlException e = assertThrows(SqlException.class, () -> SqlCompiler.compile(d, statement));
        for (String name : names) {
            assertTrue(e.getMessage().contains(name), "names " + name + ": " + e.getMessage());
        }
    }
}
