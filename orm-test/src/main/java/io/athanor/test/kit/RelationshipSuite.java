package io.athanor.test.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.Session;
import io.athanor.orm.SessionFactory;
import io.athanor.sql.ConstraintViolationException;
import io.athanor.sql.Sql;
import io.athanor.sql.StatementKind;
import io.athanor.test.kit.entities.KitCustomer;
import io.athanor.test.kit.entities.KitCustomer_;
import io.athanor.test.kit.entities.KitNode;
import io.athanor.test.kit.entities.KitNode_;
import io.athanor.test.kit.entities.KitOrder;
import io.athanor.test.kit.entities.KitOrder_;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Relationships on every dialect: foreign keys created and enforced, the dependency-sorted flush
 * (parents first whatever the entity order, trees in rounds, leaves deleted first), lazy and bulk
 * loading counted, relationship criteria in queries and bulk statements, and two randomized tests
 * ({@link RelationshipModelCheck}) comparing the database and the session with a model after
 * random graph operations.
 */
public abstract class RelationshipSuite extends KitSuite {
    /** A factory mapping the kit's relationship entities, children listed before parents. */
    protected SessionFactory factory;

    @Override
    protected void prepare() {
        factory = SessionFactory.builder().database(db).entities(KitOrder.class, KitNode.class, KitCustomer.class).build();
        factory.createTables();
    }

    @Override
    protected void finish() {
        if (factory != null) {
            factory.close();
        }
    }

    private List<String> writes() {
        return log.all().stream().filter(e -> e.kind() != StatementKind.SELECT)
                .map(e -> e.kind() + " " + e.sql().substring(e.sql().indexOf("kit_"), e.sql().indexOf("kit_") + 8)).toList();
    }

    private long count(io.athanor.sql.Table t) {
        return db.query(Sql.select(Sql.count()).from(t), r -> r.<Long>get(0)).get(0);
    }

    @Test
    public void foreignKeysAreCreatedAndEnforced() {
        ConstraintViolationException e = assertThrows(ConstraintViolationException.class, () -> db.inTransaction(tx ->
                tx.execute(Sql.insertInto(KitOrder_.TABLE).set(KitOrder_.item, "x").set(KitOrder_.quantity, 1)
                        .set(KitOrder_.customer.column(Long.class), 424242L))));
        assertEquals(ConstraintViolationException.Kind.FOREIGN_KEY, e.kind(), e.getMessage());
    }

    @Test
    public void parentsAreInsertedFirstAndTheirKeysFlowIntoChildren() {
        KitCustomer c = new KitCustomer("ada");
        try (Session s = factory.openSession()) {
            KitOrder o1 = new KitOrder("tea", 1);
            KitOrder o2 = new KitOrder("cake", 2);
            o1.setCustomer(c);
            c.getOrders().add(o2);
            s.add(o1);
            s.commit();
        }
        assertEquals(List.of("INSERT kit_cust", "INSERT kit_orde"), writes());
        assertEquals(List.of(c.getId(), c.getId()), db.query(Sql.select(KitOrder_.customer.column()).from(KitOrder_.TABLE),
                r -> r.get(0)));
    }

    @Test
    public void aTreeIsInsertedInRoundsAndDeletedLeavesFirst() {
        KitNode root = new KitNode("root");
        List<KitNode> level = List.of(root);
        int n = 0;
        for (int depth = 1; depth < 4; depth++) {
            List<KitNode> next = new ArrayList<>();
            for (KitNode p : level) {
                for (int i = 0; i < 3; i++) {
                    KitNode child = new KitNode("n" + n++);
                    p.getChildren().add(child);
                    next.add(child);
                }
            }
            level = next;
        }
        try (Session s = factory.openSession()) {
            s.add(root);
            s.commit();
            // one batch per level (a dialect may send a batch as several multi-row statements)
            assertEquals(List.of("INSERT kit_node x1 (round 1)", "INSERT kit_node x3 (round 2)", "INSERT kit_node x9 (round 3)",
                    "INSERT kit_node x27 (round 4)"), s.lastFlushPlan());
        }
        assertEquals(40L, count(KitNode_.TABLE));
        log.clear();
        try (Session s = factory.openSession()) {
            s.delete(s.query(KitNode.class).where(KitNode_.name.eq("root")).one());
            s.commit();
        }
        assertEquals(List.of(27, 9, 3, 1), log.of(StatementKind.DELETE).stream().map(StatementLog.Executed::rows).toList());
        assertEquals(0L, count(KitNode_.TABLE));
    }

    @Test
    public void lazyLoadsAreCountedAndLoadTakesOneStatementPerFiveHundredKeys() {
        try (Session s = factory.openSession()) {
            for (int i = 0; i < 1_200; i++) {
                KitCustomer c = new KitCustomer("c" + i);
                c.getOrders().add(new KitOrder("o" + i, i));
                s.add(c);
            }
            s.commit();
        }
        log.clear();
        try (Session s = factory.openSession()) {
            List<KitCustomer> customers = s.query(KitCustomer.class).load(KitCustomer_.orders).list();
            assertEquals(4, log.of(StatementKind.SELECT).size(), "the query and three IN lists of at most 500 keys");
            log.clear();
            for (KitCustomer c : customers) {
                assertSame(c, c.getOrders().get(0).getCustomer());
            }
            assertEquals(0, log.all().size(), "every collection and reference was loaded");
        }
        try (Session s = factory.openSession()) {
            KitOrder o = s.query(KitOrder.class).where(KitOrder_.item.eq("o7")).one();
            log.clear();
            KitCustomer c = o.getCustomer();
            assertEquals("c7", c.getName());
            assertEquals(1, log.all().size(), "one SELECT for the reference");
            assertSame(o, c.getOrders().get(0));
            assertEquals(2, log.all().size(), "one SELECT for the collection");
        }
    }

    @Test
    public void relationshipCriteriaWorkInQueriesAndBulkStatements() {
        try (Session s = factory.openSession()) {
            KitCustomer a = new KitCustomer("a");
            KitCustomer b = new KitCustomer("b");
            s.add(new KitCustomer("c"));
            a.getOrders().add(new KitOrder("big", 10));
            b.getOrders().add(new KitOrder("small", 1));
            s.add(a);
            s.add(b);
            s.commit();
        }
        try (Session s = factory.openSession()) {
            assertEquals(List.of("a"), names(s.query(KitCustomer.class).where(KitCustomer_.orders.any(KitOrder_.quantity.gt(5))).list()));
            assertEquals(List.of("c"), names(s.query(KitCustomer.class).where(KitCustomer_.orders.isEmpty()).list()));
            KitOrder small = s.query(KitOrder.class).where(KitOrder_.customer.has(KitCustomer_.name.eq("b"))).one();
            assertEquals("small", small.getItem());
            KitCustomer a = s.query(KitCustomer.class).where(KitCustomer_.name.eq("a")).one();
            assertEquals(1, s.query(KitOrder.class).where(KitOrder_.customer.eq(a)).count());
            assertEquals(1, s.query(KitOrder.class).where(KitOrder_.customer.has(KitCustomer_.name.eq("b")))
                    .update(Map.of(KitOrder_.quantity, KitOrder_.quantity.plus(5))));
            assertEquals(6, small.getQuantity(), "the loaded object follows the bulk UPDATE (FETCH)");
            assertEquals(1, s.query(KitCustomer.class).where(KitCustomer_.orders.isEmpty()).delete());
            s.commit();
        }
        assertEquals(2L, count(KitCustomer_.TABLE));
    }

    @Test
    public void bulkStatementsOnATreeMayReadTheTableTheyChangeInEveryMode() {
        try (Session s = factory.openSession()) {
            KitNode root = new KitNode("root");
            KitNode a = new KitNode("a");
            root.getChildren().add(a);
            a.getChildren().add(new KitNode("a1"));
            root.getChildren().add(new KitNode("b"));
            s.add(root);
            s.commit();
        }
        for (io.athanor.orm.Synchronize mode : io.athanor.orm.Synchronize.values()) {
            try (Session s = factory.openSession()) {
                List<KitNode> all = s.query(KitNode.class).load(KitNode_.children).load(KitNode_.parent).list();
                assertEquals(2, s.query(KitNode.class).where(KitNode_.parent.has(KitNode_.parent.isNull()))
                        .update(Map.of(KitNode_.name, KitNode_.name.concat("!")), mode), mode.name());
                assertEquals(2, s.query(KitNode.class).where(KitNode_.children.isEmpty()).delete(mode), mode.name());
                if (mode != io.athanor.orm.Synchronize.NONE) {
                    KitNode root = all.stream().filter(n -> n.getName().equals("root")).findFirst().orElseThrow();
                    assertEquals(List.of("a!"), root.getChildren().stream().map(KitNode::getName).toList(), mode.name());
                }
                s.rollback();
            }
        }
    }

    @Test
    public void deletingAParentClearsTheReferenceOfItsChildren() {
        try (Session s = factory.openSession()) {
            KitCustomer a = new KitCustomer("a");
            a.getOrders().add(new KitOrder("x", 1));
            a.getOrders().add(new KitOrder("y", 1));
            s.add(a);
            s.commit();
        }
        try (Session s = factory.openSession()) {
            KitOrder x = s.query(KitOrder.class).where(KitOrder_.item.eq("x")).one();
            KitCustomer a = x.getCustomer();
            s.delete(a);
            assertNull(x.getCustomer());
            s.commit();
        }
        assertEquals(2L, db.query(Sql.select(Sql.count()).from(KitOrder_.TABLE).where(KitOrder_.customer.isNull()),
                r -> r.<Long>get(0)).get(0));
    }

    /**
     * A graph flush (parents, children, a tree) with a fault at each JDBC call in turn: the commit
     * fails, nothing of it is in the database, generated keys are taken back, and after
     * {@code rollback()} the same objects commit in full.
     */
    @Test
    public void aGraphFlushWithAFaultAtAnyJdbcCallLeavesNothingAndCanBeRetried() {
        FaultyDataSource faults = new FaultyDataSource(db.dataSource());
        try (io.athanor.sql.Database faulty = io.athanor.sql.Database.builder().dataSource(faults.dataSource())
                .dialect(db.dialect()).build();
             SessionFactory sf = SessionFactory.builder().database(faulty)
                     .entities(KitOrder.class, KitNode.class, KitCustomer.class).build()) {
            faults.failAt(0);
            commitGraph(sf, "count");
            long calls = faults.calls();
            emptyGraphTables();
            for (long n = 1; n <= calls; n++) {
                faults.failAt(n);
                List<Object> objects = new ArrayList<>();
                try (Session s = sf.openSession()) {
                    KitCustomer c = graph(s, "f" + n, objects);
                    RuntimeException e = null;
                    try {
                        s.commit();
                    } catch (RuntimeException thrown) {
                        e = thrown;
                    }
                    String failed = faults.failedCall();
                    if (e == null) { // a fault after COMMIT (releasing the connection) is logged, not reported
                        faults.failAt(0);
                        assertEquals(List.of(1L, 3L, 3L), List.of(count(KitCustomer_.TABLE), count(KitOrder_.TABLE),
                                count(KitNode_.TABLE)), "fault at call " + n + " (" + failed + ") after a COMMIT that succeeded");
                        emptyGraphTables();
                        continue;
                    }
                    String context = "fault at call " + n + " (" + failed + "): " + e;
                    faults.failAt(0);
                    assertEquals(0L, count(KitCustomer_.TABLE) + count(KitOrder_.TABLE) + count(KitNode_.TABLE), context);
                    boolean flushFailed = !"Connection.commit".equals(failed);
                    s.rollback();
                    assertEquals(io.athanor.orm.ObjectState.TRANSIENT, s.state(c), context);
                    if (flushFailed) {
                        assertNull(c.getId(), context + ": the generated key was taken back");
                    }
                    for (Object o : objects) {
                        s.add(o);
                    }
                    s.commit();
                    assertEquals(List.of(1L, 3L, 3L), List.of(count(KitCustomer_.TABLE), count(KitOrder_.TABLE),
                            count(KitNode_.TABLE)), context + ": the retry wrote the whole graph");
                }
                emptyGraphTables();
            }
        }
    }

    private void commitGraph(SessionFactory sf, String prefix) {
        try (Session s = sf.openSession()) {
            graph(s, prefix, new ArrayList<>());
            s.commit();
        }
    }

    /** A customer with three orders and a three-level tree, added to {@code s}; the roots go into {@code roots}. */
    private static KitCustomer graph(Session s, String prefix, List<Object> roots) {
        KitCustomer c = new KitCustomer(prefix + "-customer");
        for (int i = 0; i < 3; i++) {
            c.getOrders().add(new KitOrder(prefix + "-order" + i, i + 1));
        }
        KitNode root = new KitNode(prefix + "-root");
        KitNode child = new KitNode(prefix + "-child");
        root.getChildren().add(child);
        child.getChildren().add(new KitNode(prefix + "-leaf"));
        s.add(c);
        s.add(root);
        roots.add(c);
        roots.add(root);
        return c;
    }

    private void emptyGraphTables() {
        emptyTables();
    }

    /**
     * Runs of each randomized test: {@code -Dathanor.relationshipRuns=N} (default 2), each on empty
     * tables; the first collects garbage between operations (the tree test after each one), so that
     * work the session keeps for objects the program dropped is tested too.
     */
    private static int runs() {
        return Integer.getInteger("athanor.relationshipRuns", 2);
    }

    @Test
    public void randomGraphOperationsAgreeWithAModel() {
        long seed = RelationshipModelCheck.seed();
        for (int run = 0; run < runs(); run++) {
            emptyTables();
            new RelationshipModelCheck(factory, db, run == 0 ? 4 : 0).customersAndOrders(seed + run, 120);
        }
    }

    @Test
    public void randomTreeOperationsAgreeWithAModel() {
        long seed = RelationshipModelCheck.seed();
        for (int run = 0; run < runs(); run++) {
            emptyTables();
            new RelationshipModelCheck(factory, db, run == 0 ? 1 : 0).tree(seed + run, 120);
        }
    }

    @Test
    public void randomBulkStatementsKeepPartlyLoadedGraphsTrue() {
        long seed = RelationshipModelCheck.seed();
        for (int run = 0; run < runs(); run++) {
            emptyTables();
            new RelationshipModelCheck(factory, db, run == 0 ? 4 : 0).bulkSynchronization(seed + run, 60);
        }
    }

    private void emptyTables() {
        db.inTransaction(tx -> {
            tx.execute(Sql.deleteFrom(KitOrder_.TABLE));
            tx.execute(Sql.deleteFrom(KitCustomer_.TABLE));
            tx.execute(Sql.update(KitNode_.TABLE).set(KitNode_.parent.column(Long.class), (Long) null));
            return tx.execute(Sql.deleteFrom(KitNode_.TABLE));
        });
    }

    private static List<String> names(List<KitCustomer> customers) {
        return customers.stream().map(KitCustomer::getName).sorted().toList();
    }

    /** The database's orders as item to customer name (null without one), for messages and checks. */
    static Map<String, String> ordersInDatabase(io.athanor.sql.Database db) {
        Map<String, String> out = new TreeMap<>();
        var c = KitCustomer_.TABLE.as("c");
        db.query(Sql.select(KitOrder_.item, c.column("name", String.class)).from(KitOrder_.TABLE)
                .leftJoin(c, c.column("id", Long.class).eq(KitOrder_.customer.column(Long.class))),
                r -> out.put(r.get(0), r.get(1)));
        return out;
    }

    static void check(boolean condition, String message) {
        assertTrue(condition, message);
    }
}
