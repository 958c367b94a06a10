package io.athanor.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.sql.dialect.MySqlDialect;
import io.athanor.sql.dialect.PostgresDialect;
import io.athanor.sql.dialect.SqliteDialect;
import io.athanor.sql.internal.SqlCompiler;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL text of joins, aliases, grouping, aggregates, subqueries and CASE (run on the dialects by the kit). */
class SqlCompilerReadingTest {
    static final Table PERSON = Table.builder("person")
            .column("id", Long.class, ColumnOption.PRIMARY_KEY)
            .column("name", String.class, ColumnOption.NOT_NULL)
            .column("boss", Long.class)
            .column("age", Integer.class)
            .build();
    static final Column<Long> ID = PERSON.column("id", Long.class);
    static final Column<String> NAME = PERSON.column("name", String.class);
    static final Column<Long> BOSS = PERSON.column("boss", Long.class);
    static final Column<Integer> AGE = PERSON.column("age", Integer.class);
    static final Table PET = Table.builder("pet")
            .column("id", Long.class, ColumnOption.PRIMARY_KEY)
            .column("owner", Long.class)
            .column("price", BigDecimal.class)
            .build();
    static final Column<Long> PET_ID = PET.column("id", Long.class);
    static final Column<Long> OWNER = PET.column("owner", Long.class);

    private static String sql(Statement s) {
        return SqlCompiler.compile(new SqliteDialect(), s).sql();
    }

    @Test
    void aliasColumnsAreDistinctFromTheTablesAndFromOtherAliases() {
        Table boss = PERSON.as("b");
        assertNotEquals(ID, boss.column("id", Long.class));
        assertNotEquals(boss.column("id", Long.class), PERSON.as("c").column("id", Long.class));
        assertEquals(boss.column("id", Long.class), PERSON.as("b").column("id", Long.class));
        assertEquals("b.id", boss.column("id", Long.class).toString());
    }

    @Test
    void aJoinQualifiesEveryColumn() {
        assertEquals("SELECT \"person\".\"name\", \"pet\".\"id\" FROM \"person\" JOIN \"pet\" ON \"pet\".\"owner\" = \"person\".\"id\""
                + " WHERE \"person\".\"age\" > ? ORDER BY \"pet\".\"id\"",
                sql(Sql.select(NAME, PET_ID).from(PERSON).join(PET, OWNER.eq(ID)).where(AGE.gt(3)).orderBy(PET_ID.asc())));
    }

    @Test
    void aSelfJoinReadsTheTableUnderAnAlias() {
        Table boss = PERSON.as("boss");
        assertEquals("SELECT \"person\".\"name\", \"boss\".\"name\" FROM \"person\" LEFT JOIN \"person\" AS \"boss\""
                + " ON \"boss\".\"id\" = \"person\".\"boss\"",
                sql(Sql.select(NAME, boss.column("name", String.class)).from(PERSON).leftJoin(boss,
                        boss.column("id", Long.class).eq(BOSS))));
    }

    @Test
    void aTableReadTwiceWithoutAnAliasIsRefused() {
        SqlException e = assertThrows(SqlException.class, () -> sql(Sql.select(NAME).from(PERSON).join(PERSON, ID.eq(BOSS))));
        assertTrue(e.getMessage().contains("Table.as"), e.getMessage());
    }

    @Test
    void leftJoinedColumnsAreReadAsNullable() {
        CompiledSql c = SqlCompiler.compile(new SqliteDialect(),
                Sql.select(NAME, PET_ID).from(PERSON).leftJoin(PET, OWNER.eq(ID)));
        assertEquals(2, c.resultCount());
    }

    @Test
    void groupByHavingAndAggregates() {
        assertEquals("SELECT \"boss\", COUNT(*), COUNT(\"age\"), SUM(\"age\"), AVG(CAST(\"age\" AS REAL)), MIN(\"name\"),"
                + " MAX(\"age\") FROM \"person\" GROUP BY \"boss\" HAVING COUNT(*) > ? ORDER BY SUM(\"age\") DESC",
                sql(Sql.select(BOSS, Sql.count(), Sql.count(AGE), Sql.sum(AGE), Sql.avg(AGE), Sql.min(NAME), Sql.max(AGE))
                        .from(PERSON).groupBy(BOSS).having(Sql.count().gt(1L)).orderBy(Sql.sum(AGE).desc())));
    }

    @Test
    void aggregateTypes() {
        assertEquals(Long.class, Sql.sum(AGE).type());
        assertEquals(Double.class, Sql.avg(AGE).type());
        assertEquals(Integer.class, Sql.max(AGE).type());
        assertEquals(Long.class, Sql.count(NAME).type());
        Column<BigDecimal> price = PET.column("price", BigDecimal.class);
        assertEquals(BigDecimal.class, Sql.sumDecimal(price).type());
        assertThrows(IllegalArgumentException.class, () -> Sql.avg(price));
        assertThrows(IllegalArgumentException.class, () -> Sql.sum(price));
    }

    @Test
    void avgCastsToTheDialectsDoubleType() {
        assertEquals("SELECT AVG(CAST(\"age\" AS DOUBLE PRECISION)) FROM \"person\"",
                SqlCompiler.compile(new PostgresDialect(), Sql.select(Sql.avg(AGE)).from(PERSON)).sql());
    }

    @Test
    void existsInAndScalarSubqueriesIncludingCorrelatedOnes() {
        assertEquals("SELECT \"name\" FROM \"person\" WHERE EXISTS (SELECT \"id\" FROM \"pet\" WHERE \"owner\" = \"person\".\"id\")",
                sql(Sql.select(NAME).from(PERSON).where(Sql.exists(Sql.select(PET_ID).from(PET).where(OWNER.eq(ID))))));
        assertEquals("SELECT \"name\" FROM \"person\" WHERE \"id\" IN (SELECT \"owner\" FROM \"pet\" WHERE \"id\" > ?)",
                sql(Sql.select(NAME).from(PERSON).where(ID.in(Sql.select(OWNER).from(PET).where(PET_ID.gt(5L))))));
        assertEquals("SELECT \"name\", (SELECT COUNT(*) FROM \"pet\" WHERE \"owner\" = \"person\".\"id\") FROM \"person\"",
                sql(Sql.select(NAME, Sql.scalar(Sql.select(Sql.count()).from(PET).where(OWNER.eq(ID)), Long.class))
                        .from(PERSON)));
    }

    @Test
    void aSubqueryOnTheSameTableReadsItUnderAnAliasToReferToTheOuterRow() {
        Table other = PERSON.as("other");
        assertEquals("SELECT \"name\" FROM \"person\" WHERE \"age\" = (SELECT MAX(\"age\") FROM \"person\" AS \"other\""
                + " WHERE \"boss\" = \"person\".\"boss\")",
                sql(Sql.select(NAME).from(PERSON).where(AGE.eq(Sql.scalar(Sql.select(Sql.max(other.column("age", Integer.class)))
                        .from(other).where(other.column("boss", Long.class).eq(BOSS)), Integer.class)))));
        // Without an alias, the subquery's columns are its own rows' (the innermost FROM item), as in SQL.
        assertEquals("SELECT \"name\" FROM \"person\" WHERE EXISTS (SELECT \"id\" FROM \"person\" WHERE \"boss\" = \"id\")",
                sql(Sql.select(NAME).from(PERSON).where(Sql.exists(Sql.select(ID).from(PERSON).where(BOSS.eq(ID))))));
        // An enclosing alias hidden by an inner FROM item exposed under the same name is refused.
        Table p = PERSON.as("p");
        SqlException hidden = assertThrows(SqlException.class, () -> sql(Sql.select(NAME).from(PERSON).join(p,
                p.column("id", Long.class).eq(BOSS)).where(Sql.exists(Sql.select(PET.as("p").column("id", Long.class)).from(PET.as("p"))
                        .where(p.column("age", Integer.class).gt(3))))));
        assertTrue(hidden.getMessage().contains("p.age"), hidden.getMessage());
    }

    @Test
    void aColumnOfATableNoStatementReadsIsRefusedNamingIt() {
        SqlException e = assertThrows(SqlException.class, () -> sql(Sql.select(NAME).from(PERSON).where(OWNER.eq(1L))));
        assertTrue(e.getMessage().contains("pet.owner") && e.getMessage().contains("reads only person"), e.getMessage());
        SqlException nested = assertThrows(SqlException.class, () -> sql(Sql.select(NAME).from(PERSON)
                .where(Sql.exists(Sql.select(PET_ID).from(PET).where(PERSON.as("x").column("id", Long.class).eq(OWNER))))));
        assertTrue(nested.getMessage().contains("x.id"), nested.getMessage());
    }

    @Test
    void caseWhen() {
        assertEquals("SELECT CASE WHEN \"age\" < ? THEN ? WHEN \"age\" IS NULL THEN \"name\" ELSE ? END FROM \"person\"",
                sql(Sql.select(Sql.caseWhen(AGE.lt(18), Sql.value(String.class, "minor")).when(AGE.isNull(), NAME)
                        .otherwise("adult")).from(PERSON)));
    }

    @Test
    void bulkUpdateAndDeleteTakeSubqueries() {
        assertEquals("UPDATE \"person\" SET \"age\" = ? WHERE EXISTS (SELECT \"id\" FROM \"pet\" WHERE \"owner\" = \"person\".\"id\")",
                sql(Sql.update(PERSON).set(AGE, 1).where(Sql.exists(Sql.select(PET_ID).from(PET).where(OWNER.eq(ID))))));
        assertEquals("DELETE FROM \"pet\" WHERE \"owner\" IN (SELECT \"id\" FROM \"person\" WHERE \"age\" > ?)",
                sql(Sql.deleteFrom(PET).where(OWNER.in(Sql.select(ID).from(PERSON).where(AGE.gt(3))))));
        Statement sameTable = Sql.deleteFrom(PERSON).where(BOSS.in(Sql.select(ID).from(PERSON.as("p")).where(
                PERSON.as("p").column("age", Integer.class).gt(3))));
        sql(sameTable);
        SqlException e = assertThrows(SqlException.class, () -> SqlCompiler.compile(new MySqlDialect(), sameTable));
        assertTrue(e.getMessage().contains("person"), e.getMessage());
        assertThrows(SqlException.class, () -> sql(Sql.update(PERSON.as("p")).set(AGE, 1)));
    }
}
