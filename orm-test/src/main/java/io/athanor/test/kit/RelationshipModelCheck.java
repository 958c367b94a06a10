package io.athanor.test.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.athanor.orm.Session;
import io.athanor.orm.SessionFactory;
import io.athanor.sql.Database;
import io.athanor.sql.Sql;
import io.athanor.test.kit.entities.KitCustomer;
import io.athanor.test.kit.entities.KitCustomer_;
import io.athanor.test.kit.entities.KitNode;
import io.athanor.test.kit.entities.KitNode_;
import io.athanor.test.kit.entities.KitOrder;
import io.athanor.test.kit.entities.KitOrder_;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Random operations on object graphs through a session (adding through either side, moving,
 * removing, deleting parents and subtrees, bulk updates through relationship criteria, commits and
 * rollbacks), checked after every commit against a model of what the database must hold, and
 * against what the session's objects say. Each operation goes through the public API only; the
 * seed is in every failure message ({@code -Dathanor.seed=S} repeats a run).
 */
final class RelationshipModelCheck {
    private final SessionFactory factory;
    private final Database db;
    /**
     * Run the garbage collector after every {@code collectEvery}th operation (0: never): objects the
     * program dropped must not be lost work. A full collection takes tens of milliseconds.
     */
    private final int collectEvery;
    private int steps;

    RelationshipModelCheck(SessionFactory factory, Database db, int collectEvery) {
        this.factory = factory;
        this.db = db;
        this.collectEvery = collectEvery;
    }

    private void collectIfAsked() {
        if (collectEvery > 0 && ++steps % collectEvery == 0) {
            System.gc();
        }
    }

    static long seed() {
        String given = System.getProperty("athanor.seed");
        return given != null ? Long.parseLong(given) : System.nanoTime();
    }

    // --- customers and orders --------------------------------------------------------------------

    /** Item to customer name (null: none), and item to quantity. */
    private record Orders(Map<String, String> owner, Map<String, Integer> quantity) {
        Orders copy() {
            return new Orders(new TreeMap<>(owner), new TreeMap<>(quantity));
        }
    }

    void customersAndOrders(long seed, int operations) {
        Random random = new Random(seed);
        TreeSet<String> customers = new TreeSet<>();
        Orders model = new Orders(new TreeMap<>(), new TreeMap<>());
        TreeSet<String> committedCustomers = new TreeSet<>();
        Orders committed = model.copy();
        List<String> trace = new ArrayList<>();
        Session s = factory.openSession();
        try {
            for (int step = 0; step < operations; step++) {
                int op = random.nextInt(12);
                try {
                    String what;
                    if (op == 0 || customers.isEmpty()) {
                        String name = "c" + step;
                        s.add(new KitCustomer(name));
                        customers.add(name);
                        what = "add customer " + name;
                    } else if (op <= 2) {
                        String item = "o" + step;
                        String owner = random.nextInt(4) == 0 ? null : pick(random, customers);
                        KitOrder o = new KitOrder(item, 1 + random.nextInt(9));
                        if (owner != null && random.nextBoolean()) {
                            customer(s, owner).getOrders().add(o);
                        } else {
                            o.setCustomer(owner == null ? null : customer(s, owner));
                            s.add(o);
                        }
                        model.owner().put(item, owner);
                        model.quantity().put(item, o.getQuantity());
                        what = "add order " + item + " to " + owner;
                    } else if (op <= 4 && !model.owner().isEmpty()) {
                        String item = pick(random, model.owner().keySet());
                        String to = random.nextInt(3) == 0 ? null : pick(random, customers);
                        KitOrder o = order(s, item);
                        String from = model.owner().get(item);
                        if (to == null && from != null && random.nextBoolean()) {
                            customer(s, from).getOrders().remove(o);
                        } else if (to != null && random.nextBoolean()) {
                            customer(s, to).getOrders().add(o);
                        } else {
                            o.setCustomer(to == null ? null : customer(s, to));
                        }
                        model.owner().put(item, to);
                        what = "move " + item + " from " + from + " to " + to;
                    } else if (op == 5 && !model.owner().isEmpty()) {
                        String item = pick(random, model.owner().keySet());
                        KitOrder o = order(s, item);
                        o.setQuantity(o.getQuantity() + 1);
                        model.quantity().merge(item, 1, Integer::sum);
                        what = "increment " + item;
                    } else if (op == 6 && !model.owner().isEmpty()) {
                        String item = pick(random, model.owner().keySet());
                        s.delete(order(s, item));
                        model.owner().remove(item);
                        model.quantity().remove(item);
                        what = "delete " + item;
                    } else if (op == 7) {
                        String name = pick(random, customers);
                        s.delete(customer(s, name));
                        customers.remove(name);
                        for (Map.Entry<String, String> e : model.owner().entrySet()) {
                            if (name.equals(e.getValue())) {
                                e.setValue(null);
                            }
                        }
                        what = "delete customer " + name;
                    } else if (op == 8) {
                        String name = pick(random, customers);
                        s.query(KitOrder.class).where(KitOrder_.customer.has(KitCustomer_.name.eq(name)))
                                .update(Map.of(KitOrder_.quantity, KitOrder_.quantity.plus(10)));
                        for (Map.Entry<String, String> e : model.owner().entrySet()) {
                            if (name.equals(e.getValue())) {
                                model.quantity().merge(e.getKey(), 10, Integer::sum);
                            }
                        }
                        what = "bulk +10 for " + name;
                    } else if (op == 9) {
                        s.rollback();
                        customers = new TreeSet<>(committedCustomers);
                        model = committed.copy();
                        what = "rollback";
                    } else if (op == 10) {
                        s.close();
                        s = factory.openSession();
                        customers = new TreeSet<>(committedCustomers);
                        model = committed.copy();
                        what = "close without commit";
                    } else {
                        s.commit();
                        committedCustomers = new TreeSet<>(customers);
                        committed = model.copy();
                        what = "commit";
                        checkOrders(seed, trace, s, customers, model);
                    }
                    collectIfAsked();
                    trace.add(what);
                } catch (RuntimeException e) {
                    throw new AssertionError("seed " + seed + ": operation " + step + " failed after "
                            + trace.subList(Math.max(0, trace.size() - 15), trace.size()) + ": " + e + "; plan " + s.lastFlushPlan(), e);
                }
            }
            s.commit();
            trace.add("commit");
            checkOrders(seed, trace, s, customers, model);
        } finally {
            s.close();
        }
    }

    private void checkOrders(long seed, List<String> trace, Session s, TreeSet<String> customers, Orders model) {
        String context = "seed " + seed + " after " + trace.subList(Math.max(0, trace.size() - 12), trace.size());
        assertEquals(model.owner(), RelationshipSuite.ordersInDatabase(db), context);
        Map<String, Integer> quantities = new TreeMap<>();
        db.query(Sql.select(KitOrder_.item, KitOrder_.quantity).from(KitOrder_.TABLE), r -> quantities.put(r.get(0), r.get(1)));
        assertEquals(model.quantity(), quantities, context);
        assertEquals(customers, new TreeSet<>(db.query(Sql.select(KitCustomer_.name).from(KitCustomer_.TABLE),
                r -> r.get(KitCustomer_.name))), context);
        for (KitCustomer c : s.query(KitCustomer.class).list()) { // the session's view, lazily loaded
            TreeSet<String> items = new TreeSet<>();
            for (KitOrder o : c.getOrders()) {
                items.add(o.getItem());
                assertEquals(c, o.getCustomer(), context);
            }
            TreeSet<String> expected = new TreeSet<>();
            model.owner().forEach((item, owner) -> {
                if (c.getName().equals(owner)) {
                    expected.add(item);
                }
            });
            assertEquals(expected, items, context + ": " + c + "'s orders");
        }
    }

    private static KitCustomer customer(Session s, String name) {
        return s.query(KitCustomer.class).where(KitCustomer_.name.eq(name)).one();
    }

    private static KitOrder order(Session s, String item) {
        return s.query(KitOrder.class).where(KitOrder_.item.eq(item)).one();
    }

    private static String pick(Random random, java.util.Collection<String> from) {
        List<String> list = new ArrayList<>(from);
        return list.get(random.nextInt(list.size()));
    }

    // --- bulk statements on partly loaded graphs ------------------------------------------------

    /**
     * Random bulk UPDATEs (quantities, references) and DELETEs with relationship criteria in random
     * modes, on a session holding a random part of the graph (some collections and references
     * loaded, some not); after each, every object the session holds, its reference and its loaded
     * collection must equal the rows of the session's transaction.
     */
    void bulkSynchronization(long seed, int operations) {
        Random random = new Random(seed);
        try (Session s = factory.openSession()) {
            for (int c = 0; c < 8; c++) {
                KitCustomer customer = new KitCustomer("c" + c);
                for (int o = 0; o < random.nextInt(5); o++) {
                    customer.getOrders().add(new KitOrder("o" + c + "." + o, 1 + random.nextInt(9)));
                }
                s.add(customer);
            }
            s.add(new KitOrder("loose", 3));
            s.commit();
        }
        List<String> trace = new ArrayList<>();
        io.athanor.orm.Synchronize[] modes = {io.athanor.orm.Synchronize.EVALUATE, io.athanor.orm.Synchronize.FETCH,
                io.athanor.orm.Synchronize.AUTO};
        for (int round = 0; round < operations / 5; round++) {
            try (Session s = factory.openSession()) {
                loadSome(s, random);
                for (int step = 0; step < 5; step++) {
                    io.athanor.orm.Synchronize mode = modes[random.nextInt(modes.length)];
                    String name = "c" + random.nextInt(8);
                    int q = 1 + random.nextInt(9);
                    String what;
                    try {
                        switch (random.nextInt(8)) {
                            case 6 -> {
                                var criteria = orderCriteria(random, 2);
                                s.query(KitOrder.class).where(criteria)
                                        .update(Map.of(KitOrder_.quantity, KitOrder_.quantity.plus(100)), mode);
                                what = "orders where " + criteria + " +100";
                            }
                            case 7 -> {
                                var criteria = customerCriteria(random, 2);
                                s.query(KitCustomer.class).where(criteria)
                                        .update(Map.of(KitCustomer_.name, KitCustomer_.name.concat("*")), mode);
                                what = "customers where " + criteria + " starred";
                            }
                            case 0 -> {
                                s.query(KitOrder.class).where(KitOrder_.customer.has(KitCustomer_.name.eq(name)))
                                        .update(Map.of(KitOrder_.quantity, KitOrder_.quantity.plus(1)), mode);
                                what = "orders of " + name + " +1";
                            }
                            case 1 -> {
                                List<KitCustomer> target = s.query(KitCustomer.class).where(KitCustomer_.name.eq(name)).list();
                                Long key = target.isEmpty() ? null : target.get(0).getId();
                                s.query(KitOrder.class).where(KitOrder_.quantity.eq(q))
                                        .update(java.util.Collections.singletonMap(KitOrder_.customer.column(), key), mode);
                                what = "orders of quantity " + q + " to " + name;
                            }
                            case 2 -> {
                                s.query(KitOrder.class).where(KitOrder_.quantity.gt(q).and(KitOrder_.customer.isNotNull())).delete(mode);
                                what = "delete orders above " + q;
                            }
                            case 3 -> {
                                s.query(KitCustomer.class).where(KitCustomer_.orders.any(KitOrder_.quantity.lt(q)))
                                        .update(Map.of(KitCustomer_.name, KitCustomer_.name.concat("'")), mode);
                                what = "customers with an order below " + q + " renamed";
                            }
                            case 4 -> {
                                s.query(KitCustomer.class).where(KitCustomer_.orders.isEmpty()
                                        .and(KitCustomer_.name.eq(name))).delete(mode);
                                what = "delete " + name + " if it has no orders";
                            }
                            default -> {
                                s.query(KitOrder.class).where(KitOrder_.customer.isNull())
                                        .update(Map.of(KitOrder_.quantity, q), mode);
                                what = "orders without customer to " + q;
                            }
                        }
                    } catch (io.athanor.orm.OrmException e) {
                        if (mode != io.athanor.orm.Synchronize.EVALUATE || !e.getMessage().contains("no SQL was run")) {
                            throw e;
                        }
                        what = "refused by EVALUATE (the dialect does not vouch for it)";
                    }
                    trace.add(what + " (" + mode + ")");
                    collectIfAsked();
                    compareWithTransaction(s, "seed " + seed + " after " + trace.subList(Math.max(0, trace.size() - 8), trace.size()));
                }
                s.commit();
            }
        }
    }

    /** Random criteria on orders, reaching customers through {@code has} (and back through {@code any}). */
    private static io.athanor.sql.Expression<Boolean> orderCriteria(Random random, int depth) {
        int q = random.nextInt(12);
        return switch (random.nextInt(depth > 0 ? 7 : 4)) {
            case 0 -> KitOrder_.quantity.lt(q);
            case 1 -> KitOrder_.quantity.ge(q);
            case 2 -> KitOrder_.customer.isNull();
            case 3 -> KitOrder_.item.eq("o" + random.nextInt(8) + ".0");
            case 4 -> KitOrder_.customer.has(customerCriteria(random, depth - 1));
            case 5 -> random.nextBoolean() ? orderCriteria(random, depth - 1).and(orderCriteria(random, depth - 1))
                    : orderCriteria(random, depth - 1).or(orderCriteria(random, depth - 1));
            default -> io.athanor.sql.Sql.not(orderCriteria(random, depth - 1));
        };
    }

    /** Random criteria on customers, reaching orders through {@code any} and {@code isEmpty}. */
    private static io.athanor.sql.Expression<Boolean> customerCriteria(Random random, int depth) {
        return switch (random.nextInt(depth > 0 ? 6 : 2)) {
            case 0 -> KitCustomer_.name.eq("c" + random.nextInt(8));
            case 1 -> KitCustomer_.orders.isEmpty();
            case 2, 3 -> KitCustomer_.orders.any(orderCriteria(random, depth - 1));
            case 4 -> customerCriteria(random, depth - 1).or(customerCriteria(random, depth - 1));
            default -> io.athanor.sql.Sql.not(customerCriteria(random, depth - 1));
        };
    }

    /** Loads a random part of the graph: some customers with their orders, some orders with or without their customer. */
    private static void loadSome(Session s, Random random) {
        boolean all = random.nextInt(3) == 0; // then the evaluator can answer for every object
        for (KitCustomer c : s.query(KitCustomer.class).list()) {
            if (all || random.nextBoolean()) {
                c.getOrders().size();
            }
        }
        for (KitOrder o : s.query(KitOrder.class).list()) {
            if (all || random.nextBoolean()) {
                o.getCustomer();
            }
        }
    }

    /**
     * Every object the session holds (read through it, loading what is not loaded) against the rows
     * of the session's own transaction, read with the SQL layer.
     */
    private void compareWithTransaction(Session s, String context) {
        Map<String, String> rows = new TreeMap<>();
        Map<String, TreeSet<String>> children = new TreeMap<>();
        var c = KitCustomer_.TABLE.as("c");
        for (Object[] r : s.select(Sql.select(KitOrder_.item, KitOrder_.quantity, c.column("name", String.class))
                .from(KitOrder_.TABLE).leftJoin(c, c.column("id", Long.class).eq(KitOrder_.customer.column(Long.class))),
                r -> new Object[] {r.get(0), r.get(1), r.get(2)})) {
            rows.put((String) r[0], r[1] + "@" + r[2]);
            if (r[2] != null) {
                children.computeIfAbsent((String) r[2], k -> new TreeSet<>()).add((String) r[0]);
            }
        }
        for (String name : s.select(Sql.select(KitCustomer_.name).from(KitCustomer_.TABLE), r -> r.<String>get(0))) {
            rows.put(name, children.getOrDefault(name, new TreeSet<>()).toString());
        }
        Map<String, String> session = new TreeMap<>();
        for (KitOrder o : s.query(KitOrder.class).list()) {
            session.put(o.getItem(), o.getQuantity() + "@" + (o.getCustomer() == null ? null : o.getCustomer().getName()));
        }
        for (KitCustomer k : s.query(KitCustomer.class).list()) {
            TreeSet<String> items = new TreeSet<>();
            k.getOrders().forEach(o -> items.add(o.getItem()));
            session.put(k.getName(), items.toString());
        }
        assertEquals(rows, session, context);
    }

    // --- a tree ----------------------------------------------------------------------------------

    /** Random additions, moves (never under a node's own subtree), removals and deletes of subtrees. */
    void tree(long seed, int operations) {
        Random random = new Random(seed);
        Map<String, String> parent = new TreeMap<>();
        Map<String, String> committed = new TreeMap<>();
        List<String> trace = new ArrayList<>();
        try (Session s = factory.openSession()) {
            for (int step = 0; step < operations; step++) {
                int op = random.nextInt(10);
                try {
                    String what;
                    if (op <= 3 || parent.isEmpty()) {
                        String name = "n" + step;
                        String under = parent.isEmpty() || random.nextInt(4) == 0 ? null : pick(random, parent.keySet());
                        KitNode node = new KitNode(name);
                        if (under == null) {
                            s.add(node);
                        } else if (random.nextBoolean()) {
                            node(s, under).getChildren().add(node);
                        } else {
                            node.setParent(node(s, under));
                            s.add(node);
                        }
                        parent.put(name, under);
                        what = "add " + name + " under " + under;
                    } else if (op <= 5) {
                        String name = pick(random, parent.keySet());
                        List<String> candidates = new ArrayList<>();
                        for (String other : parent.keySet()) {
                            if (!inSubtree(parent, other, name)) {
                                candidates.add(other);
                            }
                        }
                        String to = candidates.isEmpty() || random.nextInt(4) == 0 ? null : pick(random, candidates);
                        KitNode node = node(s, name);
                        if (to != null && random.nextBoolean()) {
                            node(s, to).getChildren().add(node);
                        } else {
                            node.setParent(to == null ? null : node(s, to));
                        }
                        if (to == null && parent.get(name) != null) {
                            removeSubtree(parent, name); // taken from its parent's orphan-removal collection
                        } else {
                            parent.put(name, to);
                        }
                        what = "move " + name + " under " + to;
                    } else if (op == 6) {
                        String name = pick(random, parent.keySet());
                        s.delete(node(s, name));
                        removeSubtree(parent, name);
                        what = "delete " + name;
                    } else if (op == 7 && parent.values().stream().anyMatch(p -> p != null)) {
                        String name = pick(random, parent.keySet().stream().filter(n -> parent.get(n) != null).toList());
                        KitNode node = node(s, name);
                        node(s, parent.get(name)).getChildren().remove(node); // an orphan: deleted with its subtree
                        removeSubtree(parent, name);
                        what = "orphan " + name;
                    } else if (op == 8) {
                        s.rollback();
                        parent.clear();
                        parent.putAll(committed);
                        what = "rollback";
                    } else {
                        s.commit();
                        committed = new TreeMap<>(parent);
                        what = "commit";
                        checkTree(seed, trace, s, parent);
                    }
                    collectIfAsked();
                    trace.add(what);
                } catch (RuntimeException e) {
                    throw new AssertionError("seed " + seed + ": operation " + step + " failed after "
                            + trace.subList(Math.max(0, trace.size() - 15), trace.size()) + ": " + e + "; plan " + s.lastFlushPlan(), e);
                }
            }
            s.commit();
            trace.add("commit");
            checkTree(seed, trace, s, parent);
        }
    }

    private void checkTree(long seed, List<String> trace, Session s, Map<String, String> parent) {
        String context = "seed " + seed + " after " + trace.subList(Math.max(0, trace.size() - 12), trace.size());
        Map<String, String> inDatabase = new TreeMap<>();
        var p = KitNode_.TABLE.as("p");
        db.query(Sql.select(KitNode_.name, p.column("name", String.class)).from(KitNode_.TABLE)
                .leftJoin(p, p.column("id", Long.class).eq(KitNode_.parent.column(Long.class))),
                r -> inDatabase.put(r.get(0), r.get(1)));
        assertEquals(parent, inDatabase, context);
        for (KitNode n : s.query(KitNode.class).list()) {
            List<String> children = new ArrayList<>();
            n.getChildren().forEach(c -> children.add(c.getName()));
            List<String> expected = new ArrayList<>();
            parent.forEach((child, of) -> {
                if (n.getName().equals(of)) {
                    expected.add(child);
                }
            });
            assertEquals(new TreeSet<>(expected), new TreeSet<>(children), context + ": children of " + n);
            assertEquals(parent.get(n.getName()), n.getParent() == null ? null : n.getParent().getName(), context);
        }
    }

    private KitNode node(Session s, String name) {
        return s.query(KitNode.class).where(KitNode_.name.eq(name)).one();
    }

    /** True when {@code node} is {@code root} or below it. */
    private static boolean inSubtree(Map<String, String> parent, String node, String root) {
        for (String n = node; n != null; n = parent.get(n)) {
            if (n.equals(root)) {
                return true;
            }
        }
        return false;
    }

    private static void removeSubtree(Map<String, String> parent, String root) {
        Map<String, String> copy = new HashMap<>(parent);
        for (String n : copy.keySet()) {
            if (inSubtree(copy, n, root)) {
                parent.remove(n);
            }
        }
    }
}
