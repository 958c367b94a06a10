package io.athanor.test.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.Session;
import io.athanor.orm.SessionFactory;
import io.athanor.sql.Column;
import io.athanor.sql.ColumnOption;
import io.athanor.sql.Expression;
import io.athanor.sql.Ordering;
import io.athanor.sql.Sql;
import io.athanor.sql.SqlException;
import io.athanor.sql.Table;
import io.athanor.test.kit.entities.KitInvoice;
import io.athanor.test.kit.entities.KitInvoice_;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Decimals compare, order and compute as numbers on every dialect, or are refused with an error
 * naming the column; a value the column cannot hold is refused, never rounded. Twelve rows hold
 * 10.5, 20.5, ... 120.5 (as text, 100.5 sorts before 20.5) in a column of declared scale 2
 * ({@code total}), one of scale 3 ({@code rate}) and one that declares no scale ({@code amount}).
 */
public abstract class DecimalSuite extends KitSuite {
    static final Table T = Table.builder("kit_decimal")
            .column("id", Long.class, ColumnOption.PRIMARY_KEY)
            .decimal("total", 10, 2)
            .decimal("rate", 12, 3)
            .column("amount", BigDecimal.class)
            .build();
    static final Column<Long> ID = T.column("id", Long.class);
    static final Column<BigDecimal> TOTAL = T.column("total", BigDecimal.class);
    static final Column<BigDecimal> RATE = T.column("rate", BigDecimal.class);
    static final Column<BigDecimal> AMOUNT = T.column("amount", BigDecimal.class);
    private static final int ROWS = 12;

    private SessionFactory factory;

    @Override
    protected void prepare() {
        db.createTables(T);
        db.inTransaction(tx -> {
            for (long i = 0; i < ROWS; i++) {
                BigDecimal v = value(i);
                tx.execute(Sql.insertInto(T).set(ID, i).set(TOTAL, v).set(RATE, v).set(AMOUNT, v));
            }
            return null;
        });
    }

    @Override
    protected void finish() {
        if (factory != null) {
            factory.close();
            factory = null;
        }
    }

    /** 10.5 + 10 * i. */
    private static BigDecimal value(long i) {
        return new BigDecimal("10.5").add(BigDecimal.TEN.multiply(BigDecimal.valueOf(i)));
    }

    private List<Long> ids(Expression<Boolean> where) {
        return db.query(Sql.select(ID).from(T).where(where).orderBy(ID.asc()), r -> r.get(ID));
    }

    private List<BigDecimal> ordered(Column<BigDecimal> column, Ordering ordering) {
        return db.query(Sql.select(column).from(T).orderBy(ordering), r -> r.get(column));
    }

    private static List<BigDecimal> numericOrder(int scale) {
        List<BigDecimal> out = new ArrayList<>();
        for (long i = 0; i < ROWS; i++) {
            out.add(value(i).setScale(scale));
        }
        return out;
    }

    /** The answer {@code expected}, or a refusal whose message names every string of {@code names}. */
    private static <R> void rightOrRefused(R expected, Supplier<R> answer, String... names) {
        R actual;
        try {
            actual = answer.get();
        } catch (SqlException refused) {
            for (String name : names) {
                assertTrue(refused.getMessage().contains(name), "the refusal names " + name + ": " + refused.getMessage());
            }
            return;
        }
        assertEquals(expected, actual);
    }

    @Test
    void rangeComparisonsOfADecimalOfDeclaredScaleAreNumeric() {
        assertEquals(List.of(9L, 10L, 11L), ids(TOTAL.gt(new BigDecimal("100"))));
        assertEquals(List.of(0L, 1L), ids(TOTAL.le(new BigDecimal("20.50"))));
        assertEquals(List.of(1L, 2L, 3L), ids(TOTAL.between(new BigDecimal("20"), new BigDecimal("40.5"))));
        assertEquals(List.of(9L, 10L, 11L), ids(RATE.ge(new BigDecimal("100.5"))));
    }

    @Test
    void orderByADecimalOfDeclaredScaleIsNumericOrder() {
        assertEquals(numericOrder(2), ordered(TOTAL, TOTAL.asc()));
        List<BigDecimal> descending = numericOrder(3);
        java.util.Collections.reverse(descending);
        assertEquals(descending, ordered(RATE, RATE.desc()));
    }

    @Test
    void equalityIsNumericWhateverTheTrailingZeros() {
        BigDecimal tenFifty = new BigDecimal("10.50");
        assertEquals(List.of(0L), ids(TOTAL.eq(tenFifty)));
        assertEquals(List.of(0L), ids(AMOUNT.eq(tenFifty)));
        assertEquals(List.of(0L, 1L), ids(AMOUNT.in(new BigDecimal("10.500"), new BigDecimal("20.5"), new BigDecimal("7"))));
        assertEquals(ROWS - 1, ids(AMOUNT.ne(new BigDecimal("10.5000"))).size());
        assertEquals(List.of(1L), ids(RATE.in(new BigDecimal("20.50"))));
    }

    @Test
    void orderedComparisonsOfADecimalOfUndeclaredScaleAreNumericOrRefusedNamingTheColumn() {
        rightOrRefused(List.of(9L, 10L, 11L), () -> ids(AMOUNT.gt(new BigDecimal("100"))), "kit_decimal.amount", "scale");
        rightOrRefused(numericOrder(2), () -> ordered(AMOUNT, AMOUNT.asc()).stream().map(v -> v.setScale(2)).toList(),
                "kit_decimal.amount", "scale");
        rightOrRefused(List.of(0L, 1L), () -> ids(AMOUNT.between(new BigDecimal("1"), new BigDecimal("20.5"))),
                "kit_decimal.amount");
    }

    @Test
    void decimalsOfDifferentScalesCompareNumericallyOrAreRefused() {
        List<Long> all = ids(ID.isNotNull());
        rightOrRefused(all, () -> ids(TOTAL.eq(RATE)), "kit_decimal.total", "kit_decimal.rate");
        rightOrRefused(all, () -> ids(TOTAL.eq(AMOUNT)), "kit_decimal.total", "kit_decimal.amount");
        rightOrRefused(List.of(), () -> ids(TOTAL.lt(RATE)), "kit_decimal.total", "kit_decimal.rate");
    }

    @Test
    void aValueWithMoreDecimalPlacesOrDigitsThanTheColumnHoldsIsRefusedNamingColumnAndValue() {
        for (String v : List.of("1.234", "123456789.5", "-0.001")) {
            SqlException e = assertThrows(SqlException.class,
                    () -> db.execute(Sql.insertInto(T).set(ID, 100L).set(TOTAL, new BigDecimal(v))), v);
            assertTrue(e.getMessage().contains("kit_decimal.total") && e.getMessage().contains(v), e.getMessage());
        }
        SqlException e = assertThrows(SqlException.class,
                () -> db.execute(Sql.update(T).set(RATE, new BigDecimal("1.0005")).where(ID.eq(0L))));
        assertTrue(e.getMessage().contains("kit_decimal.rate") && e.getMessage().contains("1.0005"), e.getMessage());
        assertEquals(List.of(value(0).setScale(3)), db.query(Sql.select(RATE).from(T).where(ID.eq(0L)), r -> r.get(RATE)));
        assertEquals(ROWS, ids(ID.isNotNull()).size(), "nothing was inserted");
    }

    @Test
    void valuesAtTheScaleAndPrecisionBoundariesRoundTripAtTheColumnsScale() {
        List<String> values = List.of("99999999.99", "-99999999.99", "0.01", "-0.01", "0", "1", "1.5", "12345678.9");
        long id = 1000;
        for (String v : values) {
            long key = id++;
            db.execute(Sql.insertInto(T).set(ID, key).set(TOTAL, new BigDecimal(v)));
            BigDecimal back = db.query(Sql.select(TOTAL).from(T).where(ID.eq(key)), r -> r.get(TOTAL)).get(0);
            assertEquals(new BigDecimal(v).setScale(2), back, "value " + v);
        }
        db.execute(Sql.insertInto(T).set(ID, id).set(RATE, new BigDecimal("-999999999.999")));
        assertEquals(List.of(new BigDecimal("-999999999.999")),
                db.query(Sql.select(RATE).from(T).where(ID.eq(id)), r -> r.get(RATE)));
        assertEquals(List.of(id), ids(RATE.lt(new BigDecimal("-999999999.998"))));
    }

    @Test
    void addingAndSubtractingDecimalsOfOneScaleIsExact() {
        db.execute(Sql.update(T).set(TOTAL, TOTAL.plus(new BigDecimal("0.25"))).where(ID.eq(0L)));
        db.execute(Sql.update(T).set(TOTAL, TOTAL.minus(new BigDecimal("100.5"))).where(ID.eq(9L)));
        assertEquals(List.of(new BigDecimal("10.75")), db.query(Sql.select(TOTAL).from(T).where(ID.eq(0L)), r -> r.get(TOTAL)));
        assertEquals(List.of(9L), ids(TOTAL.eq(BigDecimal.ZERO)));
        assertEquals(List.of(0L), ids(TOTAL.plus(new BigDecimal("0.25")).eq(new BigDecimal("11"))));
    }

    @Test
    void multiplyingADecimalIsExactOrRefused() {
        rightOrRefused(List.of(new BigDecimal("21.00")), () -> {
            db.execute(Sql.update(T).set(TOTAL, TOTAL.times(new BigDecimal("2"))).where(ID.eq(0L)));
            return db.query(Sql.select(TOTAL).from(T).where(ID.eq(0L)), r -> r.get(TOTAL));
        }, "kit_decimal.total");
    }

    @Test
    void ormQueriesCompareAndOrderDecimalsNumerically() {
        factory = SessionFactory.builder().database(db).entities(KitInvoice.class).build();
        factory.createTables();
        try (Session s = factory.openSession()) {
            for (long i = 0; i < ROWS; i++) {
                s.add(new KitInvoice(value(i), value(i)));
            }
            s.commit();
        }
        try (Session s = factory.openSession()) {
            assertEquals(List.of(new BigDecimal("100.50"), new BigDecimal("110.50"), new BigDecimal("120.50")),
                    s.query(KitInvoice.class).where(KitInvoice_.total.gt(new BigDecimal("100")))
                            .orderBy(KitInvoice_.total.asc()).list().stream().map(KitInvoice::getTotal).toList());
            assertEquals(numericOrder(2), s.query(KitInvoice.class).orderBy(KitInvoice_.total.asc()).list().stream()
                    .map(KitInvoice::getTotal).toList());
            assertEquals(1, s.query(KitInvoice.class).where(KitInvoice_.amount.eq(new BigDecimal("10.50"))).count());
        }
    }

    /** EVALUATE decides in Java which loaded objects a bulk update matched: the same as the database. */
    @Test
    void aBulkUpdateEvaluatedInJavaMatchesTheObjectsTheDatabaseMatched() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                dialect().comparability(KitInvoice_.total) == io.athanor.sql.spi.Comparability.ORDERED,
                dialect().name() + " does not vouch that decimals order as in Java: EVALUATE refuses, as it should");
        factory = SessionFactory.builder().database(db).entities(KitInvoice.class).build();
        factory.createTables();
        try (Session s = factory.openSession()) {
            for (long i = 0; i < ROWS; i++) {
                s.add(new KitInvoice(value(i), value(i)));
            }
            s.flush();
            List<KitInvoice> all = s.query(KitInvoice.class).orderBy(KitInvoice_.id.asc()).list();
            assertEquals(3, s.query(KitInvoice.class).where(KitInvoice_.total.gt(new BigDecimal("100")))
                    .update(java.util.Map.of(KitInvoice_.total, BigDecimal.ONE), io.athanor.orm.Synchronize.EVALUATE));
            List<Integer> changed = java.util.stream.IntStream.range(0, ROWS)
                    .filter(i -> all.get(i).getTotal().compareTo(BigDecimal.ONE) == 0).boxed().toList();
            assertEquals(List.of(9, 10, 11), changed, "the loaded objects of totals 100.5, 110.5 and 120.5 changed");
            s.commit();
        }
    }

    /** A SET value computed in Java is what the column holds: the column's scale, not the literal's. */
    @Test
    void aSetValueEvaluatedInJavaHoldsTheColumnsScaleAsTheDatabaseDoes() {
        factory = SessionFactory.builder().database(db).entities(KitInvoice.class).build();
        factory.createTables();
        Long id;
        BigDecimal inMemory;
        try (Session s = factory.openSession()) {
            KitInvoice invoice = new KitInvoice(new BigDecimal("10.50"), BigDecimal.ONE);
            s.add(invoice);
            s.flush();
            id = invoice.getId();
            s.query(KitInvoice.class).update(java.util.Map.of(KitInvoice_.total, new BigDecimal("20.5")),
                    io.athanor.orm.Synchronize.EVALUATE);
            inMemory = invoice.getTotal();
            s.commit();
        }
        try (Session s = factory.openSession()) {
            BigDecimal stored = s.get(KitInvoice.class, id).getTotal();
            assertEquals(new BigDecimal("20.50"), stored);
            assertEquals(stored, inMemory, "EVALUATE's value equals (scale included) what the database holds");
        }
    }
}
