package io.athanor.orm.relationships;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.OrmException;
import io.athanor.orm.Session;
import io.athanor.orm.SessionFactory;
import io.athanor.orm.model.rel.Alpha;
import io.athanor.orm.model.rel.Beta;
import io.athanor.orm.model.rel.Category;
import io.athanor.orm.model.rel.Category_;
import io.athanor.orm.model.rel.Customer;
import io.athanor.orm.model.rel.House;
import io.athanor.orm.model.rel.House_;
import io.athanor.orm.model.rel.Person;
import io.athanor.orm.model.rel.Person_;
import io.athanor.orm.model.rel.PurchaseOrder;
import io.athanor.orm.model.rel.PurchaseOrder_;
import io.athanor.sql.ConstraintViolationException;
import io.athanor.sql.Sql;
import io.athanor.sql.StatementKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dependency-sorted flush: statement order, keys flowing into foreign keys, trees, cycles. */
class UnitOfWorkOrderTest {
    @TempDir
    Path dir;
    RelationshipFixture rel;

    @BeforeEach
    void open() {
        rel = new RelationshipFixture(dir);
    }

    @AfterEach
    void close() {
        if (rel != null) {
            rel.close();
        }
    }

    @Test
    void createTablesWritesForeignKeysThatSqliteEnforces() {
        Long customerId = rel.database.query(Sql.select(Sql.count()).from(PurchaseOrder_.TABLE), r -> r.<Long>get(0)).get(0);
        assertEquals(0L, customerId);
        ConstraintViolationException e = assertThrows(ConstraintViolationException.class, () -> rel.database.inTransaction(tx ->
                tx.execute(Sql.insertInto(PurchaseOrder_.TABLE).set(PurchaseOrder_.item, "x").set(PurchaseOrder_.quantity, 1)
                        .set(PurchaseOrder_.customer.column(Long.class), 42L))));
        assertEquals(ConstraintViolationException.Kind.FOREIGN_KEY, e.kind());
    }

    @Test
    void parentsAreInsertedFirstAndTheirGeneratedKeysFlowIntoChildrenWhateverTheEntityOrder() {
        try (Session s = rel.factory.openSession()) {
            Customer ada = new Customer("Ada");
            PurchaseOrder o1 = new PurchaseOrder("tea", 1);
            PurchaseOrder o2 = new PurchaseOrder("cake", 2);
            o1.setCustomer(ada);
            o2.setCustomer(ada);
            s.add(o1); // the customer comes along (cascade), and is inserted first
            s.add(o2);
            s.commit();
            assertEquals(List.of("INSERT customer", "INSERT purchase_order"), rel.writes());
            assertEquals(2, rel.of(StatementKind.INSERT).get(1).rows(), "the two orders share one batch");
            assertNotNull(ada.getId());
            List<Long> fks = rel.database.query(Sql.select(PurchaseOrder_.customer.column()).from(PurchaseOrder_.TABLE),
                    r -> r.<Long>get(0));
            assertEquals(List.of(ada.getId(), ada.getId()), fks);
        }
    }

    @Test
    void aTreeOfDepthFiveIsInsertedInFiveBatchesAndDeletedLeavesFirstInOneFlushEach() {
        Category root = new Category("root");
        List<Category> level = List.of(root);
        for (int depth = 1; depth < 5; depth++) {
            List<Category> next = new ArrayList<>();
            for (Category c : level) {
                next.add(c.child(c.getName() + ".a"));
                next.add(c.child(c.getName() + ".b"));
            }
            level = next;
        }
        try (Session s = rel.factory.openSession()) {
            s.add(root);
            s.flush();
            assertEquals(List.of("INSERT category", "INSERT category", "INSERT category", "INSERT category",
                    "INSERT category"), rel.writes());
            assertEquals(List.of(1, 2, 4, 8, 16), rel.of(StatementKind.INSERT).stream().map(RelationshipFixture.Executed::rows).toList());
            s.commit();
        }
        assertEquals(31L, count(Category_.TABLE));
        assertEquals(30L, rel.database.query(Sql.select(Sql.count()).from(Category_.TABLE).where(Category_.parent.isNotNull()),
                r -> r.<Long>get(0)).get(0));
        rel.reset();
        try (Session s = rel.factory.openSession()) {
            Category loaded = s.query(Category.class).where(Category_.name.eq("root")).one();
            rel.reset();
            s.delete(loaded); // orphan removal: the whole tree goes
            assertEquals(5, rel.of(StatementKind.SELECT).size(), "the collections loaded one level at a time, not per node");
            s.commit();
        }
        assertEquals(0L, count(Category_.TABLE));
        List<RelationshipFixture.Executed> deletes = rel.of(StatementKind.DELETE);
        assertEquals(List.of(16, 8, 4, 2, 1), deletes.stream().map(RelationshipFixture.Executed::rows).toList(),
                "leaves first, one batch per level");
    }

    @Test
    void aCycleThroughANullableReferenceIsInsertedWithItNullAndSetByAPostUpdate() {
        try (Session s = rel.factory.openSession()) {
            Person p = new Person("Pat");
            House h = new House("Main St", p);
            p.setHome(h);
            s.add(p);
            s.commit();
            assertEquals(List.of("INSERT person", "INSERT house", "UPDATE person"), rel.writes());
            assertEquals(2, p.getVersion(), "the post-update checks and bumps the version like any UPDATE");
        }
        Object[] row = rel.database.query(Sql.select(Person_.home.column(), Person_.version).from(Person_.TABLE),
                r -> new Object[] {r.<Long>get(0), r.<Integer>get(1)}).get(0);
        Long houseId = rel.database.query(Sql.select(House_.id).from(House_.TABLE), r -> r.get(House_.id)).get(0);
        assertEquals(houseId, row[0]);
        assertEquals(2, row[1]);
    }

    @Test
    void aCycleOfNotNullReferencesFailsBeforeAnySqlNamingTheRows() {
        rel.close();
        rel = null;
        try (SessionFactory sf = SessionFactory.builder().url("jdbc:sqlite:" + dir.resolve("ab.db"))
                .entities(Alpha.class, Beta.class).build()) {
            sf.createTables();
            try (Session s = sf.openSession()) {
                Alpha a = new Alpha();
                Beta b = new Beta();
                a.setBeta(b);
                b.setAlpha(a);
                s.add(a);
                OrmException e = assertThrows(OrmException.class, s::flush);
                assertTrue(e.getMessage().contains("cycle") && e.getMessage().contains("a new Alpha")
                        && e.getMessage().contains("a new Beta") && e.getMessage().contains("No SQL was run"), e.getMessage());
            }
        }
    }

    @Test
    void theFlushPlanListsItsActionsInOrder() {
        try (Session s = rel.factory.openSession()) {
            Customer c = new Customer("Cy");
            PurchaseOrder o = new PurchaseOrder("pen", 3);
            c.getOrders().add(o);
            s.add(c);
            s.flush();
            assertEquals(List.of("INSERT customer x1", "INSERT purchase_order x1"), s.lastFlushPlan());
            assertSame(c, o.getCustomer(), "adding to the collection set the reference");
            o.setQuantity(4);
            s.flush();
            assertEquals(List.of("UPDATE purchase_order x1 set [quantity]"), s.lastFlushPlan());
        }
    }

    @Test
    void aReferenceToANewObjectOutsideTheSessionIsAddedWithIt() {
        try (Session s = rel.factory.openSession()) {
            PurchaseOrder o = new PurchaseOrder("ink", 1);
            s.add(o);
            s.flush();
            Customer late = new Customer("Late");
            o.setCustomer(late); // written while o is in the session: late joins it
            assertTrue(s.contains(late));
            s.commit();
            assertNotNull(late.getId());
        }
    }

    @Test
    void clearingAReferenceToASavedParentNullsTheForeignKey() {
        Long orderId;
        try (Session s = rel.factory.openSession()) {
            PurchaseOrder o = new PurchaseOrder("ink", 1);
            o.setCustomer(new Customer("Z"));
            s.add(o);
            s.commit();
            orderId = o.getId();
        }
        try (Session s = rel.factory.openSession()) {
            PurchaseOrder o = s.get(PurchaseOrder.class, orderId);
            o.setCustomer(null);
            s.commit();
        }
        assertNull(rel.database.query(Sql.select(PurchaseOrder_.customer.column()).from(PurchaseOrder_.TABLE),
                r -> r.<Long>get(0)).get(0));
    }

    private long count(io.athanor.sql.Table t) {
        return rel.database.query(Sql.select(Sql.count()).from(t), r -> r.<Long>get(0)).get(0);
    }
}
