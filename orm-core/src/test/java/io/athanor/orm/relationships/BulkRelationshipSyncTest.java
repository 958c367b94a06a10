package io.athanor.orm.relationships;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.ObjectState;
import io.athanor.orm.Session;
import io.athanor.orm.Synchronize;
import io.athanor.orm.model.rel.Customer;
import io.athanor.orm.model.rel.Customer_;
import io.athanor.orm.model.rel.PurchaseOrder;
import io.athanor.orm.model.rel.PurchaseOrder_;
import io.athanor.orm.model.rel.Review;
import io.athanor.orm.model.rel.Review_;
import io.athanor.orm.model.rel.Ticket;
import io.athanor.orm.model.rel.Ticket_;
import io.athanor.sql.Sql;
import io.athanor.sql.StatementKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** Bulk UPDATE and DELETE keep references, collections and the database's cascades true in memory. */
class BulkRelationshipSyncTest {
    @TempDir
    Path dir;
    RelationshipFixture rel;
    Long ada;
    Long bob;

    @BeforeEach
    void open() {
        rel = new RelationshipFixture(dir);
        try (Session s = rel.factory.openSession()) {
            Customer a = new Customer("Ada");
            Customer b = new Customer("Bob");
            for (int i = 0; i < 3; i++) {
                a.getOrders().add(new PurchaseOrder("a" + i, i + 1));
                b.getOrders().add(new PurchaseOrder("b" + i, i + 1));
            }
            a.getTickets().add(new Ticket("help"));
            s.add(a);
            s.add(b);
            s.add(new Review("fine", a));
            s.commit();
            ada = a.getId();
            bob = b.getId();
        }
        rel.reset();
    }

    @AfterEach
    void close() {
        rel.close();
    }

    @ParameterizedTest
    @EnumSource(value = Synchronize.class, names = {"EVALUATE", "FETCH", "AUTO"})
    void aBulkDeleteTakesMatchedObjectsOutOfLoadedCollections(Synchronize mode) {
        try (Session s = rel.factory.openSession()) {
            Customer a = s.get(Customer.class, ada);
            assertEquals(3, a.getOrders().size());
            PurchaseOrder gone = a.getOrders().get(2);
            assertEquals(1, s.query(PurchaseOrder.class).where(PurchaseOrder_.quantity.eq(3))
                    .where(PurchaseOrder_.customer.eq(a)).delete(mode));
            assertEquals(List.of("a0", "a1"), a.getOrders().stream().map(PurchaseOrder::getItem).toList());
            assertEquals(ObjectState.DELETED, s.state(gone));
            s.commit();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Synchronize.class, names = {"EVALUATE", "FETCH", "AUTO"})
    void aBulkUpdateOfAReferenceMovesObjectsBetweenLoadedCollections(Synchronize mode) {
        try (Session s = rel.factory.openSession()) {
            Customer a = s.get(Customer.class, ada);
            Customer b = s.get(Customer.class, bob);
            assertEquals(3, a.getOrders().size());
            assertEquals(3, b.getOrders().size());
            PurchaseOrder moved = a.getOrders().get(0);
            long n = s.query(PurchaseOrder.class).where(PurchaseOrder_.item.eq("a0"))
                    .update(Map.of(PurchaseOrder_.customer.column(), bob), mode);
            assertEquals(1, n);
            rel.reset();
            assertSame(b, moved.getCustomer(), "the reference holds the loaded target");
            assertFalse(a.getOrders().contains(moved));
            assertTrue(b.getOrders().contains(moved));
            assertEquals(0, rel.of(StatementKind.SELECT).size(), "no SQL to read any of it");
            s.commit();
        }
        assertEquals(bob, rel.database.query(Sql.select(PurchaseOrder_.customer.column()).from(PurchaseOrder_.TABLE)
                .where(PurchaseOrder_.item.eq("a0")), r -> r.get(0)).get(0));
    }

    @ParameterizedTest
    @EnumSource(value = Synchronize.class, names = {"EVALUATE", "FETCH"})
    void aReferenceToATargetNotLoadedIsLeftToLoadOnAccess(Synchronize mode) {
        try (Session s = rel.factory.openSession()) {
            PurchaseOrder o = s.query(PurchaseOrder.class).where(PurchaseOrder_.item.eq("a1")).one();
            assertEquals("Ada", o.getCustomer().getName());
            s.query(PurchaseOrder.class).where(PurchaseOrder_.item.eq("a1")).update(Map.of(PurchaseOrder_.customer.column(), bob), mode);
            rel.reset();
            assertEquals("Bob", o.getCustomer().getName());
            assertEquals(1, rel.of(StatementKind.SELECT).size(), "Bob was loaded when read");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Synchronize.class, names = {"EVALUATE", "FETCH", "AUTO"})
    void aBulkDeleteOfParentsFollowsTheDatabasesCascadesInMemory(Synchronize mode) {
        try (Session s = rel.factory.openSession()) {
            Customer a = s.get(Customer.class, ada);
            Ticket ticket = a.getTickets().iterator().next();                   // ON DELETE CASCADE
            Review review = s.query(Review.class).one();                        // ON DELETE SET NULL
            assertSame(a, review.getCustomer());
            s.query(PurchaseOrder.class).where(PurchaseOrder_.customer.eq(a)).delete(Synchronize.EVALUATE);
            assertEquals(1, s.query(Customer.class).where(Customer_.name.eq("Ada")).delete(mode));
            assertEquals(ObjectState.DELETED, s.state(ticket), "the database deleted it with its customer");
            assertNull(review.getCustomer(), "the database set it to NULL");
            assertFalse(s.isDirty(review), "as committed state");
            s.rollback();
            assertEquals(ObjectState.PERSISTENT, s.state(ticket), "rollback restores it");
            assertEquals("Ada", review.getCustomer().getName());
        }
        assertEquals(1L, rel.database.query(Sql.select(Sql.count()).from(Ticket_.TABLE), r -> r.<Long>get(0)).get(0));
        assertEquals(1L, rel.database.query(Sql.select(Sql.count()).from(Review_.TABLE).where(Review_.customer.isNotNull()),
                r -> r.<Long>get(0)).get(0));
    }

    @ParameterizedTest
    @EnumSource(value = Synchronize.class, names = {"EVALUATE", "AUTO"})
    void referenceCriteriaAreEvaluatedOnLoadedObjectsWithoutFetching(Synchronize mode) {
        try (Session s = rel.factory.openSession()) {
            Customer a = s.get(Customer.class, ada);
            List<PurchaseOrder> orders = s.query(PurchaseOrder.class).list();
            rel.reset();
            assertEquals(3, s.query(PurchaseOrder.class).where(PurchaseOrder_.customer.eq(a))
                    .update(Map.of(PurchaseOrder_.quantity, 9), mode));
            assertEquals(List.of(StatementKind.UPDATE), rel.statements.stream().map(RelationshipFixture.Executed::kind).toList(),
                    "one UPDATE, no RETURNING or pre-select");
            assertEquals(List.of(9, 9, 9, 1, 2, 3), orders.stream().map(PurchaseOrder::getQuantity).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Synchronize.class, names = {"EVALUATE", "AUTO"})
    void hasAnyAndIsEmptyAreEvaluatedOnLoadedRelatedObjects(Synchronize mode) {
        try (Session s = rel.factory.openSession()) {
            List<Customer> customers = s.query(Customer.class).load(Customer_.orders).list();
            List<PurchaseOrder> orders = s.query(PurchaseOrder.class).load(PurchaseOrder_.customer).list();
            rel.reset();
            assertEquals(3, s.query(PurchaseOrder.class).where(PurchaseOrder_.customer.has(Customer_.name.eq("Bob")))
                    .update(Map.of(PurchaseOrder_.quantity, 7), mode));
            assertEquals(List.of(1, 2, 3, 7, 7, 7), orders.stream().map(PurchaseOrder::getQuantity).toList());
            assertEquals(1, s.query(Customer.class).where(Customer_.orders.any(PurchaseOrder_.item.eq("a2")))
                    .update(Map.of(Customer_.name, "Ada L."), mode));
            assertEquals(List.of("Ada L.", "Bob"), customers.stream().map(Customer::getName).toList());
            assertEquals(List.of(StatementKind.UPDATE, StatementKind.UPDATE),
                    rel.statements.stream().map(RelationshipFixture.Executed::kind).toList(), "no FETCH: evaluated in Java");
            s.query(PurchaseOrder.class).where(PurchaseOrder_.customer.eq(customers.get(1))).delete(mode);
            assertEquals(1, s.query(Customer.class).where(Customer_.orders.isEmpty()).update(Map.of(Customer_.name, "none"), mode));
            assertEquals("none", customers.get(1).getName());
            s.commit();
        }
    }

    @Test
    void anObjectWhoseRelatedObjectsAreNotLoadedIsExpiredNotGuessed() {
        try (Session s = rel.factory.openSession()) {
            PurchaseOrder o = s.query(PurchaseOrder.class).where(PurchaseOrder_.item.eq("b0")).one(); // customer not loaded
            Customer a = s.get(Customer.class, ada);                                                    // orders not loaded
            rel.reset();
            s.query(PurchaseOrder.class).where(PurchaseOrder_.customer.has(Customer_.name.eq("Bob")))
                    .update(Map.of(PurchaseOrder_.quantity, 5), Synchronize.EVALUATE);
            s.query(Customer.class).where(Customer_.orders.any(PurchaseOrder_.quantity.gt(2)))
                    .update(Map.of(Customer_.name, "Ada!"), Synchronize.EVALUATE);
            assertEquals(2, rel.statements.size(), "no SQL but the two UPDATEs");
            assertEquals(5, o.getQuantity(), "expired, so reloaded");
            assertEquals("Ada!", a.getName(), "expired, so reloaded");
        }
    }
}
