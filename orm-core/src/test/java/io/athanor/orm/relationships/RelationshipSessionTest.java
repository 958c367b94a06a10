package io.athanor.orm.relationships;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.DetachedInstanceException;
import io.athanor.orm.MappingException;
import io.athanor.orm.ObjectState;
import io.athanor.orm.OrmException;
import io.athanor.orm.Session;
import io.athanor.orm.SessionFactory;
import io.athanor.orm.model.rel.Category;
import io.athanor.orm.model.rel.Category_;
import io.athanor.orm.model.rel.Customer;
import io.athanor.orm.model.rel.Customer_;
import io.athanor.orm.model.rel.PurchaseOrder;
import io.athanor.orm.model.rel.PurchaseOrder_;
import io.athanor.orm.model.rel.Ticket;
import io.athanor.orm.model.rel.Ticket_;
import io.athanor.sql.Sql;
import io.athanor.sql.StatementKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Relationships in a session: lazy loading, Query.load, both sides in memory, cascades, criteria, errors. */
class RelationshipSessionTest {
    @TempDir
    Path dir;
    RelationshipFixture rel;

    @BeforeEach
    void open() {
        rel = new RelationshipFixture(dir);
    }

    @AfterEach
    void close() {
        rel.close();
    }

    /** {@code customers} customers with {@code perCustomer} orders each; returns the customers' keys. */
    private List<Long> seed(int customers, int perCustomer) {
        List<Long> ids = new ArrayList<>();
        try (Session s = rel.factory.openSession()) {
            List<Customer> all = new ArrayList<>();
            for (int c = 0; c < customers; c++) {
                Customer customer = new Customer("c" + c);
                for (int o = 0; o < perCustomer; o++) {
                    customer.getOrders().add(new PurchaseOrder("item" + o, o + 1));
                }
                s.add(customer);
                all.add(customer);
            }
            s.commit();
            all.forEach(c -> ids.add(c.getId()));
        }
        rel.reset();
        return ids;
    }

    private int selects() {
        return rel.of(StatementKind.SELECT).size();
    }

    @Test
    void aReferenceAlreadyInTheIdentityMapCostsNoSqlAndAnotherOneSelect() {
        List<Long> ids = seed(2, 2);
        try (Session s = rel.factory.openSession()) {
            Customer first = s.get(Customer.class, ids.get(0));
            List<PurchaseOrder> orders = s.query(PurchaseOrder.class).orderBy(PurchaseOrder_.id.asc()).list();
            rel.reset();
            assertSame(first, orders.get(0).getCustomer());
            assertSame(first, orders.get(1).getCustomer());
            assertEquals(0, selects(), "the customer was in the identity map");
            Customer second = orders.get(2).getCustomer();
            assertEquals(ids.get(1), second.getId());
            assertSame(second, orders.get(3).getCustomer());
            assertEquals(1, selects(), "one SELECT for the customer not loaded yet, none after");
            rel.reset();
            assertEquals(2, first.getOrders().size());
            assertSame(orders.get(0), first.getOrders().get(0), "the collection holds the session's instances");
            assertEquals(1, selects(), "one SELECT for the collection");
        }
    }

    @Test
    void loadOverTwelveHundredParentsTakesThreeStatementsAndAccessTakesNone() {
        seed(1_200, 1);
        try (Session s = rel.factory.openSession()) {
            List<Customer> customers = s.query(Customer.class).load(Customer_.orders).list();
            assertEquals(1_200, customers.size());
            assertEquals(1 + 3, selects(), "one query, then 1,200 keys in IN lists of 500");
            rel.reset();
            int orders = 0;
            for (Customer c : customers) {
                orders += c.getOrders().size();
                assertSame(c, c.getOrders().get(0).getCustomer());
            }
            assertEquals(1_200, orders);
            assertEquals(0, selects());
        }
    }

    @Test
    void loadOfManyToOneResolvesEveryReferenceWithOneSelectPerFiveHundredKeys() {
        seed(600, 2);
        try (Session s = rel.factory.openSession()) {
            List<PurchaseOrder> orders = s.query(PurchaseOrder.class).load(PurchaseOrder_.customer).list();
            assertEquals(1 + 2, selects());
            rel.reset();
            long distinct = orders.stream().map(PurchaseOrder::getCustomer).distinct().count();
            assertEquals(600, distinct);
            assertEquals(0, selects());
        }
    }

    @Test
    void bothSidesAgreeInMemory() {
        List<Long> ids = seed(2, 1);
        try (Session s = rel.factory.openSession()) {
            Customer a = s.get(Customer.class, ids.get(0));
            Customer b = s.get(Customer.class, ids.get(1));
            PurchaseOrder o = a.getOrders().get(0);
            assertEquals(1, b.getOrders().size());
            o.setCustomer(b);
            assertFalse(a.getOrders().contains(o), "taken out of the old customer's collection");
            assertTrue(b.getOrders().contains(o), "put into the new one's");
            PurchaseOrder added = new PurchaseOrder("new", 9);
            a.getOrders().add(added);
            assertSame(a, added.getCustomer(), "adding to a collection sets the reference");
            assertEquals(ObjectState.PENDING, s.state(added), "and brings the new object into the session");
            b.getOrders().remove(o);
            assertNull(o.getCustomer(), "removing clears it");
            s.commit();
        }
        List<Object[]> rows = rel.database.query(Sql.select(PurchaseOrder_.item, PurchaseOrder_.customer.column())
                .from(PurchaseOrder_.TABLE).orderBy(PurchaseOrder_.id.asc()), r -> new Object[] {r.get(0), r.get(1)});
        assertEquals("item0", rows.get(0)[0]);
        assertNull(rows.get(0)[1]);
        assertEquals(ids.get(1), rows.get(1)[1]);
        assertEquals(ids.get(0), rows.get(2)[1]);
    }

    @Test
    void anUnloadedCollectionIsNotLoadedToKeepItInAgreement() {
        List<Long> ids = seed(2, 1);
        try (Session s = rel.factory.openSession()) {
            PurchaseOrder o = s.query(PurchaseOrder.class).where(PurchaseOrder_.customer.column(Long.class).eq(ids.get(0))).one();
            Customer b = s.get(Customer.class, ids.get(1));
            rel.reset();
            o.setCustomer(b);
            assertEquals(0, selects(), "neither collection was loaded for this");
            s.commit();
        }
        try (Session s = rel.factory.openSession()) {
            assertEquals(2, s.get(Customer.class, ids.get(1)).getOrders().size());
            assertEquals(0, s.get(Customer.class, ids.get(0)).getOrders().size());
        }
    }

    @Test
    void removingFromAnOrphanRemovalCollectionDeletesTheElement() {
        Long rootId;
        try (Session s = rel.factory.openSession()) {
            Category root = new Category("root");
            root.child("a").child("a1");
            root.child("b");
            s.add(root);
            s.commit();
            rootId = root.getId();
        }
        try (Session s = rel.factory.openSession()) {
            Category root = s.get(Category.class, rootId);
            Category a = root.getChildren().get(0);
            root.getChildren().remove(a);
            s.commit();
        }
        assertEquals(List.of("b", "root"), rel.database.query(Sql.select(Category_.name).from(Category_.TABLE)
                .orderBy(Category_.name.asc()), r -> r.get(Category_.name)), "a and its child a1 were deleted");
    }

    @Test
    void clearingAReferenceWhoseParentIsNotLoadedStillMakesAnOrphan() {
        try (Session s = rel.factory.openSession()) {
            Category root = new Category("root");
            root.child("a").child("a1");
            s.add(root);
            s.commit();
        }
        try (Session s = rel.factory.openSession()) {
            Category a = s.query(Category.class).where(Category_.name.eq("a")).one(); // its parent is not loaded
            a.setParent(null); // taken from its parent's orphan-removal collection, which the session never saw
            s.commit();
        }
        assertEquals(List.of("root"), rel.database.query(Sql.select(Category_.name).from(Category_.TABLE),
                r -> r.get(Category_.name)), "a and its child were deleted as orphans");
    }

    @Test
    void replacingAnUnloadedCollectionTakesItsOldElementsAway() {
        List<Long> ids = seed(1, 2);
        try (Session s = rel.factory.openSession()) {
            Customer c = s.get(Customer.class, ids.get(0));
            c.setOrders(new ArrayList<>(List.of(new PurchaseOrder("new", 1)))); // the old two are loaded first
            s.commit();
        }
        assertEquals(java.util.Map.of("item0", "null", "item1", "null", "new", String.valueOf(ids.get(0))),
                rel.database.query(Sql.select(PurchaseOrder_.item, PurchaseOrder_.customer.column()).from(PurchaseOrder_.TABLE),
                        r -> new String[] {r.get(0), String.valueOf((Object) r.get(1))}).stream()
                        .collect(java.util.stream.Collectors.toMap(x -> x[0], x -> x[1])));
    }

    @Test
    void aCollectionKeptWithoutItsOwnerStillSetsTheReferenceOfWhatIsAdded() {
        List<Long> ids = seed(1, 1);
        try (Session s = rel.factory.openSession()) {
            List<PurchaseOrder> orders = s.get(Customer.class, ids.get(0)).getOrders(); // the customer is dropped
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            orders.add(new PurchaseOrder("late", 1));
            s.commit();
        }
        assertEquals(List.of(ids.get(0), ids.get(0)), rel.database.query(Sql.select(PurchaseOrder_.customer.column())
                .from(PurchaseOrder_.TABLE).orderBy(PurchaseOrder_.id.asc()), r -> r.get(0)));
    }

    @Test
    void aChildMovedToAnotherParentIsNoOrphan() {
        Long rootId;
        try (Session s = rel.factory.openSession()) {
            Category root = new Category("root");
            root.child("a");
            root.child("b");
            s.add(root);
            s.commit();
            rootId = root.getId();
        }
        try (Session s = rel.factory.openSession()) {
            Category root = s.get(Category.class, rootId);
            Category a = root.getChildren().get(0);
            Category b = root.getChildren().get(1);
            root.getChildren().remove(a);
            b.getChildren().add(a);
            s.commit();
        }
        try (Session s = rel.factory.openSession()) {
            Category a = s.query(Category.class).where(Category_.name.eq("a")).one();
            assertEquals("b", a.getParent().getName());
        }
    }

    @Test
    void deletingAParentWithoutOrphanRemovalSetsItsChildrensReferenceToNull() {
        List<Long> ids = seed(1, 3);
        try (Session s = rel.factory.openSession()) {
            s.delete(s.get(Customer.class, ids.get(0)));
            s.commit();
            assertEquals(List.of("UPDATE purchase_order", "DELETE customer"), rel.writes());
        }
        assertEquals(3L, rel.database.query(Sql.select(Sql.count()).from(PurchaseOrder_.TABLE)
                .where(PurchaseOrder_.customer.isNull()), r -> r.<Long>get(0)).get(0));
    }

    @Test
    void deletingAParentWhoseChildrenCascadeDeletesThemInTheSession() {
        Long id;
        Ticket t;
        try (Session s = rel.factory.openSession()) {
            Customer c = new Customer("c");
            t = new Ticket("help");
            c.getTickets().add(t);
            s.add(c);
            s.commit();
            id = c.getId();
        }
        try (Session s = rel.factory.openSession()) {
            Customer c = s.get(Customer.class, id);
            Ticket loaded = c.getTickets().iterator().next();
            s.delete(c);
            s.flush();
            assertEquals(ObjectState.DELETED, s.state(loaded));
            s.commit();
        }
        assertEquals(0L, rel.database.query(Sql.select(Sql.count()).from(Ticket_.TABLE), r -> r.<Long>get(0)).get(0));
    }

    @Test
    void takingAChildWithANotNullReferenceOutOfItsCollectionFailsBeforeAnySql() {
        Long id;
        try (Session s = rel.factory.openSession()) {
            Customer c = new Customer("c");
            c.getTickets().add(new Ticket("help"));
            s.add(c);
            s.commit();
            id = c.getId();
        }
        try (Session s = rel.factory.openSession()) {
            Customer c = s.get(Customer.class, id);
            Ticket t = c.getTickets().iterator().next();
            c.getTickets().clear();
            rel.reset();
            OrmException e = assertThrows(OrmException.class, s::flush);
            assertTrue(e.getMessage().contains("Ticket#" + t.getId()) && e.getMessage().contains("owner_id")
                    && e.getMessage().contains("NOT NULL") && e.getMessage().contains("No SQL was run"), e.getMessage());
            assertEquals(List.of(), rel.writes());
        }
    }

    @Test
    void anUnloadedRelationshipOfADetachedObjectCannotBeRead() {
        List<Long> ids = seed(1, 1);
        PurchaseOrder o;
        Customer c;
        try (Session s = rel.factory.openSession()) {
            o = s.query(PurchaseOrder.class).one();
            c = s.get(Customer.class, ids.get(0));
        }
        DetachedInstanceException e = assertThrows(DetachedInstanceException.class, o::getCustomer);
        assertTrue(e.getMessage().contains("PurchaseOrder#" + o.getId()) && e.getMessage().contains("customer"), e.getMessage());
        e = assertThrows(DetachedInstanceException.class, c::getOrders);
        assertTrue(e.getMessage().contains("Customer#") && e.getMessage().contains("orders"), e.getMessage());
    }

    @Test
    void hasAnyAndIsEmptyWorkInQueriesAndBulkStatements() {
        seed(3, 0);
        try (Session s = rel.factory.openSession()) {
            List<Customer> cs = s.query(Customer.class).orderBy(Customer_.id.asc()).list();
            cs.get(0).getOrders().add(new PurchaseOrder("big", 10));
            cs.get(1).getOrders().add(new PurchaseOrder("small", 1));
            s.commit();
        }
        try (Session s = rel.factory.openSession()) {
            assertEquals(List.of("c0"), s.query(Customer.class).where(Customer_.orders.any(PurchaseOrder_.quantity.gt(5)))
                    .list().stream().map(Customer::getName).toList());
            assertEquals(List.of("c2"), s.query(Customer.class).where(Customer_.orders.isEmpty())
                    .list().stream().map(Customer::getName).toList());
            assertEquals(List.of("small"), s.query(PurchaseOrder.class).where(PurchaseOrder_.customer.has(Customer_.name.eq("c1")))
                    .list().stream().map(PurchaseOrder::getItem).toList());
            Customer c0 = s.query(Customer.class).where(Customer_.name.eq("c0")).one();
            assertEquals(1, s.query(PurchaseOrder.class).where(PurchaseOrder_.customer.eq(c0)).count());
            assertEquals(0, s.query(PurchaseOrder.class).where(PurchaseOrder_.customer.isNull()).count());
            long updated = s.query(PurchaseOrder.class).where(PurchaseOrder_.customer.has(Customer_.name.eq("c1")))
                    .update(Map.of(PurchaseOrder_.quantity, 7));
            assertEquals(1, updated);
            long deleted = s.query(Customer.class).where(Customer_.orders.isEmpty()).delete();
            assertEquals(1, deleted);
            s.commit();
        }
    }

    @Test
    void aTreeQueriesItsOwnTable() {
        try (Session s = rel.factory.openSession()) {
            Category root = new Category("root");
            root.child("a").child("a1");
            root.child("b");
            s.add(root);
            s.commit();
            assertEquals(List.of("a1", "b"), s.query(Category.class).where(Category_.children.isEmpty())
                    .orderBy(Category_.name.asc()).list().stream().map(Category::getName).toList());
            assertEquals(List.of("a", "b"), s.query(Category.class).where(Category_.parent.has(Category_.name.eq("root")))
                    .orderBy(Category_.name.asc()).list().stream().map(Category::getName).toList());
        }
    }

    @Test
    void aReferenceInheritedFromAPlainSuperclassIsTrackedAndLoadsLazily() {
        Long voucherId;
        List<Long> ids = seed(2, 0);
        try (SessionFactory sf = SessionFactory.builder().database(rel.database)
                .entities(io.athanor.orm.model.rel.Voucher.class, Customer.class, PurchaseOrder.class, Ticket.class).build()) {
            sf.createTables();
            try (Session s = sf.openSession()) {
                io.athanor.orm.model.rel.Voucher v = new io.athanor.orm.model.rel.Voucher(500);
                v.setOwner(s.get(Customer.class, ids.get(0)));
                s.add(v);
                s.commit();
                voucherId = v.getId();
            }
            try (Session s = sf.openSession()) {
                io.athanor.orm.model.rel.Voucher v = s.get(io.athanor.orm.model.rel.Voucher.class, voucherId);
                assertEquals("c0", v.getOwner().getName(), "loaded lazily through the superclass's accessor");
                v.setOwner(s.get(Customer.class, ids.get(1)));
                assertTrue(s.isDirty(v), "the superclass's write was tracked");
                s.commit();
            }
            try (Session s = sf.openSession()) {
                assertEquals("c1", s.get(io.athanor.orm.model.rel.Voucher.class, voucherId).getOwner().getName());
            }
        }
    }

    @Test
    void aManyToManyIsAnAssociationEntityWithTwoReferences() {
        try (SessionFactory sf = SessionFactory.builder().database(rel.database)
                .entities(io.athanor.orm.model.rel.Enrollment.class, io.athanor.orm.model.rel.Student.class,
                        io.athanor.orm.model.rel.Course.class).build()) {
            sf.createTables();
            try (Session s = sf.openSession()) {
                var math = new io.athanor.orm.model.rel.Course("math");
                var art = new io.athanor.orm.model.rel.Course("art");
                var ann = new io.athanor.orm.model.rel.Student("ann");
                var bo = new io.athanor.orm.model.rel.Student("bo");
                ann.enroll(math);
                ann.enroll(art);
                bo.enroll(math);
                s.add(ann);
                s.add(bo);
                s.commit();
                assertEquals(List.of("INSERT student x2", "INSERT course x2", "INSERT enrollment x3"), s.lastFlushPlan(),
                        "both parents before the association rows");
            }
            try (Session s = sf.openSession()) {
                var mathStudents = s.query(io.athanor.orm.model.rel.Student.class)
                        .where(io.athanor.orm.model.rel.Student_.enrollments.any(io.athanor.orm.model.rel.Enrollment_.course
                                .has(io.athanor.orm.model.rel.Course_.title.eq("math"))))
                        .list().stream().map(io.athanor.orm.model.rel.Student::getName).sorted().toList();
                assertEquals(List.of("ann", "bo"), mathStudents);
                var ann = s.query(io.athanor.orm.model.rel.Student.class)
                        .where(io.athanor.orm.model.rel.Student_.name.eq("ann")).one();
                s.delete(ann); // its enrollments go with it (orphan removal), and leave the courses' collections
                var math = s.query(io.athanor.orm.model.rel.Course.class)
                        .where(io.athanor.orm.model.rel.Course_.title.eq("math")).one();
                assertEquals(1, math.getEnrollments().size());
                assertEquals("bo", math.getEnrollments().get(0).getStudent().getName());
                s.commit();
            }
            assertEquals(1L, rel.database.query(Sql.select(Sql.count()).from(io.athanor.orm.model.rel.Enrollment_.TABLE),
                    r -> r.<Long>get(0)).get(0));
        }
    }

    @io.athanor.orm.annotations.Entity
    static class Stray {
        @io.athanor.orm.annotations.Id
        Long id;
        @io.athanor.orm.annotations.ManyToOne
        Customer customer;
    }

    @Test
    void mappingErrorsNameEntityAndAttribute() {
        MappingException e = assertThrows(MappingException.class, () -> SessionFactory.builder()
                .url("jdbc:sqlite:" + dir.resolve("x.db")).allowUnenhanced(true)
                .entities(Stray.class).build());
        assertTrue(e.getMessage().contains("Stray.customer") && e.getMessage().contains("not an entity of this SessionFactory"),
                e.getMessage());
    }
}
