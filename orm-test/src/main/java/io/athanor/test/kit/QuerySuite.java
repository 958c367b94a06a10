package io.athanor.test.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.OrmException;
import io.athanor.orm.Session;
import io.athanor.sql.Column;
import io.athanor.sql.ColumnOption;
import io.athanor.sql.Expression;
import io.athanor.sql.Select;
import io.athanor.sql.Sql;
import io.athanor.sql.SqlException;
import io.athanor.sql.Table;
import io.athanor.test.kit.entities.KitAccount_;
import io.athanor.test.kit.entities.KitStuff;
import io.athanor.test.kit.entities.KitStuff_;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading with the SQL layer on one dialect: joins, a self-join through an alias, a left join's NULLs,
 * GROUP BY and HAVING, each aggregate's value and Java type (and over no rows), EXISTS, IN and scalar
 * subqueries (correlated too), CASE, bulk writes with subqueries, and the refusal of a column of a
 * table the statement does not read; then {@code Session.select} (it sees unflushed changes and fails
 * through the session's guard) and {@code Session.expire(object, columns)}. Subclass it and return
 * your database from {@link #target()}.
 */
public abstract class QuerySuite extends OrmKitSuite {
    protected static final Table PERSON = Table.builder("kit_person")
            .column("id", Long.class, ColumnOption.PRIMARY_KEY)
            .column("name", String.class, ColumnOption.NOT_NULL)
            .column("boss", Long.class)
            .column("age", Integer.class)
            .build();
    protected static final Column<Long> P_ID = PERSON.column("id", Long.class);
    protected static final Column<String> P_NAME = PERSON.column("name", String.class);
    protected static final Column<Long> P_BOSS = PERSON.column("boss", Long.class);
    protected static final Column<Integer> P_AGE = PERSON.column("age", Integer.class);
    protected static final Table PET = Table.builder("kit_pet")
            .column("id", Long.class, ColumnOption.PRIMARY_KEY)
            .column("owner", Long.class)
            .decimal("price", 10, 2)
            .column("weight", Double.class)
            .build();
    protected static final Column<Long> PET_ID = PET.column("id", Long.class);
    protected static final Column<Long> OWNER = PET.column("owner", Long.class);
    protected static final Column<BigDecimal> PRICE = PET.column("price", BigDecimal.class);
    protected static final Column<Double> WEIGHT = PET.column("weight", Double.class);

    @Override
    protected void prepare() {
        super.prepare();
        db.createTables(PERSON, PET);
        db.inTransaction(tx -> {
            Object[][] people = {{1L, "ann", null, 50}, {2L, "bob", 1L, 30}, {3L, "cy", 1L, 40}, {4L, "dee", 2L, null}};
            for (Object[] p : people) {
                tx.execute(Sql.insertInto(PERSON).set(P_ID, (Long) p[0]).set(P_NAME, (String) p[1]).set(P_BOSS, (Long) p[2])
                        .set(P_AGE, (Integer) p[3]));
            }
            Object[][] pets = {{10L, 2L, "1.10", 2.5}, {11L, 2L, "2.25", 3.5}, {12L, 3L, "0.05", 1.0}};
            for (Object[] p : pets) {
                tx.execute(Sql.insertInto(PET).set(PET_ID, (Long) p[0]).set(OWNER, (Long) p[1])
                        .set(PRICE, new BigDecimal((String) p[2])).set(WEIGHT, (Double) p[3]));
            }
            return null;
        });
    }

    /** Each row of {@code select} as a list of its values. */
    protected List<List<Object>> rows(Select select) {
        int n = select.columns().size();
        return db.query(select, r -> {
            List<Object> row = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                row.add(r.get(i));
            }
            return row;
        });
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    @Test
    void aJoinReadsMatchingRowsOfBothTables() {
        assertEquals(List.of(row("bob", 10L), row("bob", 11L), row("cy", 12L)),
                rows(Sql.select(P_NAME, PET_ID).from(PERSON).join(PET, OWNER.eq(P_ID)).orderBy(PET_ID.asc())));
    }

    @Test
    void aSelfJoinThroughAnAliasWithALeftJoinsNulls() {
        Table boss = PERSON.as("boss");
        Column<String> bossName = boss.column("name", String.class);
        assertEquals(List.of(row("ann", null), row("bob", "ann"), row("cy", "ann"), row("dee", "bob")),
                rows(Sql.select(P_NAME, bossName).from(PERSON).leftJoin(boss, boss.column("id", Long.class).eq(P_BOSS))
                        .orderBy(P_ID.asc())));
    }

    @Test
    void aLeftJoinCountsZeroForRowsWithoutMatch() {
        assertEquals(List.of(row("ann", 0L), row("bob", 2L), row("cy", 1L), row("dee", 0L)),
                rows(Sql.select(P_NAME, Sql.count(PET_ID)).from(PERSON).leftJoin(PET, OWNER.eq(P_ID))
                        .groupBy(P_ID, P_NAME).orderBy(P_ID.asc())));
    }

    @Test
    void groupByAndHaving() {
        assertEquals(List.of(row(1L, 2L)), rows(Sql.select(P_BOSS, Sql.count()).from(PERSON).where(P_BOSS.isNotNull())
                .groupBy(P_BOSS).having(Sql.count().gt(1L))));
        assertEquals(List.of(row(1L, 70L), row(2L, null)), rows(Sql.select(P_BOSS, Sql.sum(P_AGE)).from(PERSON)
                .where(P_BOSS.isNotNull()).groupBy(P_BOSS).orderBy(P_BOSS.asc())));
    }

    @Test
    void eachAggregateHasItsValueAndType() {
        List<Object> ages = rows(Sql.select(Sql.count(), Sql.count(P_AGE), Sql.sum(P_AGE), Sql.avg(P_AGE), Sql.min(P_AGE),
                Sql.max(P_AGE), Sql.min(P_NAME)).from(PERSON)).get(0);
        assertExactly(row(4L, 3L, 120L, 40.0, 30, 50, "ann"), ages);
        assertExactly(row(35.0), rows(Sql.select(Sql.avg(P_AGE)).from(PERSON).where(P_BOSS.eq(1L))).get(0));
        List<Object> pets = rows(Sql.select(Sql.sumDecimal(PRICE), Sql.min(PRICE), Sql.max(PRICE), Sql.sumDouble(WEIGHT),
                Sql.avg(WEIGHT), Sql.sum(OWNER)).from(PET)).get(0);
        assertExactly(row(new BigDecimal("3.40"), new BigDecimal("0.05"), new BigDecimal("2.25"), 7.0, 7.0 / 3, 7L), pets);
    }

    @Test
    void overNoRowsCountIsZeroAndTheOtherAggregatesNull() {
        assertExactly(row(0L, 0L, null, null, null, null, null, null), rows(Sql.select(Sql.count(), Sql.count(P_AGE),
                Sql.sum(P_AGE), Sql.avg(P_AGE), Sql.min(P_AGE), Sql.max(P_NAME), Sql.sumDecimal(PRICE), Sql.sumDouble(WEIGHT))
                .from(PET).join(PERSON, P_ID.eq(OWNER)).where(PET_ID.lt(0L))).get(0));
    }

    /** Equal values of the same classes (a BigDecimal at the same scale). */
    private static void assertExactly(List<Object> expected, List<Object> actual) {
        assertEquals(expected, actual);
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i) != null) {
                assertEquals(expected.get(i).getClass(), actual.get(i).getClass(), "class of item " + i + " of " + actual);
            }
        }
    }

    @Test
    void existsAndNotExistsWithACorrelatedSubquery() {
        Select pets = Sql.select(PET_ID).from(PET).where(OWNER.eq(P_ID));
        assertEquals(List.of(row("bob"), row("cy")), rows(Sql.select(P_NAME).from(PERSON).where(Sql.exists(pets))
                .orderBy(P_ID.asc())));
        assertEquals(List.of(row("ann"), row("dee")), rows(Sql.select(P_NAME).from(PERSON).where(Sql.not(Sql.exists(pets)))
                .orderBy(P_ID.asc())));
    }

    @Test
    void inASubquery() {
        assertEquals(List.of(row("bob")), rows(Sql.select(P_NAME).from(PERSON)
                .where(P_ID.in(Sql.select(OWNER).from(PET).where(PRICE.gt(new BigDecimal("1.00")))))));
    }

    @Test
    void scalarSubqueriesCorrelatedOrNot() {
        Expression<Long> petCount = Sql.scalar(Sql.select(Sql.count()).from(PET).where(OWNER.eq(P_ID)), Long.class);
        assertEquals(List.of(row("ann", 0L), row("bob", 2L), row("cy", 1L), row("dee", 0L)),
                rows(Sql.select(P_NAME, petCount).from(PERSON).orderBy(P_ID.asc())));
        Table other = PERSON.as("other");
        Column<Integer> otherAge = other.column("age", Integer.class);
        assertEquals(List.of(row("ann")), rows(Sql.select(P_NAME).from(PERSON)
                .where(P_AGE.eq(Sql.scalar(Sql.select(Sql.max(otherAge)).from(other), Integer.class)))));
        // the oldest under each boss: the subquery reads the table again, under an alias, for the outer row
        assertEquals(List.of(row("cy")), rows(Sql.select(P_NAME).from(PERSON).where(P_AGE.eq(Sql.scalar(
                Sql.select(Sql.max(otherAge)).from(other).where(other.column("boss", Long.class).eq(P_BOSS)), Integer.class)))));
    }

    @Test
    void caseWhenTakesTheFirstTrueBranch() {
        Expression<String> kind = Sql.caseWhen(P_AGE.isNull(), Sql.value(String.class, "unknown"))
                .when(P_AGE.ge(40), "senior").otherwise("junior");
        assertEquals(List.of(row("ann", "senior"), row("bob", "junior"), row("cy", "senior"), row("dee", "unknown")),
                rows(Sql.select(P_NAME, kind).from(PERSON).orderBy(P_ID.asc())));
        Expression<Integer> ageOrZero = Sql.caseWhen(P_AGE.isNull(), Sql.value(Integer.class, 0)).otherwise(P_AGE);
        assertEquals(List.of(row(4L), row(2L), row(3L), row(1L)),
                rows(Sql.select(P_ID).from(PERSON).orderBy(ageOrZero.asc())));
    }

    @Test
    void aColumnOfATableTheStatementDoesNotReadIsRefusedNamingIt() {
        SqlException e = assertThrows(SqlException.class,
                () -> rows(Sql.select(P_NAME).from(PERSON).where(OWNER.eq(2L))));
        assertTrue(e.getMessage().contains("kit_pet.owner"), e.getMessage());
    }

    @Test
    void bulkUpdateAndDeleteWithSubqueries() {
        long updated = db.inTransaction(tx -> tx.execute(Sql.update(PERSON).set(P_AGE, P_AGE.plus(1))
                .where(Sql.exists(Sql.select(PET_ID).from(PET).where(OWNER.eq(P_ID))))));
        assertEquals(2, updated);
        assertEquals(List.of(row(50), row(31), row(41), row((Object) null)),
                rows(Sql.select(P_AGE).from(PERSON).orderBy(P_ID.asc())));
        long deleted = db.inTransaction(tx -> tx.execute(Sql.deleteFrom(PET)
                .where(OWNER.in(Sql.select(P_ID).from(PERSON).where(P_NAME.eq("cy"))))));
        assertEquals(1, deleted);
        Table boss = PERSON.as("b");
        if (dialect().subqueryMayReadWrittenTable()) {
            long bosses = db.inTransaction(tx -> tx.execute(Sql.update(PERSON).set(P_NAME, "boss")
                    .where(P_ID.in(Sql.select(boss.column("boss", Long.class)).from(boss)))));
            assertEquals(2, bosses);
            assertEquals(List.of(row("boss"), row("boss"), row("cy"), row("dee")),
                    rows(Sql.select(P_NAME).from(PERSON).orderBy(P_ID.asc())));
        }
    }

    // --- the session -----------------------------------------------------------------------------

    @Test
    void sessionSelectSeesUnflushedChanges() {
        seedStuff(3);
        try (Session s = factory.openSession()) {
            KitStuff zero = s.query(KitStuff.class).where(KitStuff_.foo.eq(0)).one();
            zero.setFoo(100);
            s.add(new KitStuff(7, "seven"));
            List<Long> sum = s.select(Sql.select(Sql.sum(KitStuff_.foo)).from(KitStuff_.TABLE), r -> r.get(0));
            assertEquals(List.of(110L), sum);
            assertEquals(List.of("seven"), s.select(Sql.select(KitStuff_.name).from(KitStuff_.TABLE).where(KitStuff_.foo.eq(7)),
                    r -> r.get(KitStuff_.name)), "rows are read by expression too");
            s.rollback();
        }
        assertEquals(List.of(0, 1, 2), foosInDatabase());
    }

    @Test
    void aFailingSessionSelectFailsThroughTheSessionsGuard() {
        seedStuff(2);
        try (Session s = factory.openSession()) {
            s.add(new KitStuff(7, "seven"));
            Select refused = Sql.select(KitStuff_.foo).from(KitAccount_.TABLE);
            assertThrows(SqlException.class, () -> s.select(refused, r -> r.get(0)));
            assertTrue(log.all().isEmpty(), "refused before any SQL: " + log.all());
            Select failing = Sql.select(Sql.function("athanor_no_such_function", Long.class, KitStuff_.foo))
                    .from(KitStuff_.TABLE);
            assertThrows(SqlException.class, () -> s.select(failing, r -> r.get(0)));
            assertThrows(OrmException.class, s::commit);
            s.rollback();
        }
        assertEquals(List.of(0, 1), foosInDatabase());
    }

    @Test
    void expireOfSomeColumnsReloadsOnlyThem() {
        seedStuff(2);
        try (Session s = factory.openSession()) {
            KitStuff one = s.query(KitStuff.class).where(KitStuff_.foo.eq(1)).one();
            s.execute(Sql.update(KitStuff_.TABLE).set(KitStuff_.name, "by sql").set(KitStuff_.foo, 11)
                    .where(KitStuff_.id.eq(one.getId())));
            one.setRank(5);
            s.expire(one, KitStuff_.name);
            assertEquals("by sql", one.getName());
            assertEquals(1, one.getFoo(), "not expired: the loaded value stays");
            assertEquals(5, one.getRank(), "not expired: the unflushed change stays");
            OrmException other = assertThrows(OrmException.class, () -> s.expire(one, KitAccount_.balance));
            assertTrue(other.getMessage().contains(KitAccount_.balance.toString()), other.getMessage());
            Column<String> aliased = KitStuff_.TABLE.as("x").column("name", String.class);
            OrmException alias = assertThrows(OrmException.class, () -> s.expire(one, aliased));
            assertTrue(alias.getMessage().contains("x.name"), alias.getMessage());
            s.commit();
        }
        assertEquals(List.of(0, 11), foosInDatabase());
        assertEquals(List.of(5), db.query(Sql.select(KitStuff_.rank).from(KitStuff_.TABLE).where(KitStuff_.foo.eq(11)),
                r -> r.get(0)));
    }

    @Test
    void aSumBeyondLongsRangeFailsRatherThanWrap() {
        db.inTransaction(tx -> tx.execute(Sql.insertInto(PET).set(PET_ID, 20L).set(OWNER, Long.MAX_VALUE)));
        db.inTransaction(tx -> tx.execute(Sql.insertInto(PET).set(PET_ID, 21L).set(OWNER, Long.MAX_VALUE)));
        assertThrows(SqlException.class, () -> rows(Sql.select(Sql.sum(OWNER)).from(PET)));
        assertEquals(List.of(row(Long.MAX_VALUE)), rows(Sql.select(Sql.max(OWNER)).from(PET)));
    }

    @Test
    void aSessionsBulkUpdateWithASubqueryCriterionSynchronizesLoadedObjects() {
        seedStuff(3);
        try (Session s = factory.openSession()) {
            List<KitStuff> all = s.query(KitStuff.class).orderBy(KitStuff_.id.asc()).list();
            Expression<Boolean> agedFooPlus29 = Sql.exists(Sql.select(P_ID).from(PERSON).where(P_AGE.eq(KitStuff_.foo.plus(29))));
            assertEquals(1, s.query(KitStuff.class).where(agedFooPlus29).update(java.util.Map.of(KitStuff_.name, "matched")));
            assertEquals(List.of("n0", "matched", "n2"), all.stream().map(KitStuff::getName).toList());
            assertEquals(1, s.query(KitStuff.class).where(agedFooPlus29).delete());
            assertEquals(2, s.query(KitStuff.class).count());
            s.commit();
        }
        assertEquals(List.of(0, 2), foosInDatabase());
    }
}
