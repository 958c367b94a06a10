package io.athanor.samples.graph;

import io.athanor.orm.Session;
import io.athanor.orm.SessionFactory;
import io.athanor.sql.Database;
import io.athanor.sql.Sql;
import io.athanor.sql.StatementKind;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the unit of work does with a graph of objects, step by step: an order/customer model and a
 * category tree, each flush's plan (its actions in order, one JDBC batch each) and, with
 * {@code --explain}, the SQL it ran. The entities are listed children first on purpose: the flush
 * orders rows by their foreign keys, not by that list.
 *
 * <pre>{@code
 * mvn -B -q -DskipTests -pl samples -am package exec:java \
 *     -Dexec.mainClass=io.athanor.samples.graph.GraphWalkthrough -Dexec.args="--explain"
 * }</pre>
 * Options: {@code --db PATH} (SQLite file, default {@code athanor-graph.db}, made anew) or
 * {@code --url JDBC_URL [--user U] [--password P]} (its graph tables are created if absent and
 * emptied); {@code --explain}.
 */
public final class GraphWalkthrough {
    private final PrintStream out;
    private final boolean explain;
    private final List<String> sql = Collections.synchronizedList(new ArrayList<>());

    GraphWalkthrough(PrintStream out, boolean explain) {
        this.out = out;
        this.explain = explain;
    }

    public static void main(String[] args) throws Exception {
        String url = null;
        String user = null;
        String password = null;
        Path db = Path.of("athanor-graph.db");
        boolean explain = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--db" -> db = Path.of(args[++i]);
                case "--url" -> url = args[++i];
                case "--user" -> user = args[++i];
                case "--password" -> password = args[++i];
                case "--explain" -> explain = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: GraphWalkthrough [--db PATH | --url JDBC_URL [--user U] [--password P]] [--explain]");
            }
        }
        if (url == null) {
            java.nio.file.Files.deleteIfExists(db);
            url = "jdbc:sqlite:" + db.toAbsolutePath();
        }
        new GraphWalkthrough(System.out, explain).run(url, user, password);
    }

    /** Runs every step against the database at {@code url}. */
    void run(String url, String user, String password) {
        try (Database database = Database.builder().url(url).username(user).password(password)
                .listener((statement, kind, rows, values) -> sql.add(kind + (rows > 1 ? " x" + rows : "") + ": " + statement))
                .build()) {
            try (SessionFactory sf = SessionFactory.builder().database(database)
                    .entities(CustomerOrder.class, Category.class, Customer.class).build()) {
                sf.createTables();
                empty(database);
                sql.clear();
                steps(sf);
            }
        }
    }

    /** Rows of an earlier run go (on a server database); a new SQLite file has none. */
    private static void empty(Database database) {
        database.inTransaction(tx -> {
            tx.execute(Sql.deleteFrom(CustomerOrder_.TABLE));
            tx.execute(Sql.deleteFrom(Customer_.TABLE));
            tx.execute(Sql.update(Category_.TABLE).set(Category_.parent.column(Long.class), (Long) null));
            return tx.execute(Sql.deleteFrom(Category_.TABLE));
        });
    }

    private void steps(SessionFactory sf) {
        try (Session s = sf.openSession()) {
            Customer ada = new Customer("Ada");
            Customer bob = new Customer("Bob");
            ada.order("tea", 2);
            ada.order("scones", 6);
            bob.order("coffee", 1);
            s.add(ada);
            s.add(bob);
            s.flush();
            show("1. Two new customers with three orders: parents first, their generated keys in the children", s);
            ada.getOrders().get(1).setCustomer(bob);
            show("2. An order moves to Bob: Ada's list " + ada.getOrders() + ", Bob's " + bob.getOrders()
                    + " (in memory at once)", s);
            s.flush();
            show("   ...and its flush", s);
            s.commit();
        }
        try (Session s = sf.openSession()) {
            List<CustomerOrder> orders = s.query(CustomerOrder.class).load(CustomerOrder_.customer).list();
            show("3. Orders with load(customer): one query and one SELECT ... IN for every customer", s);
            StringBuilder who = new StringBuilder();
            orders.forEach(o -> who.append(o).append(" -> ").append(o.getCustomer()).append("; "));
            show("   reading them: " + who + "no SQL", s);
            Customer ada = orders.get(0).getCustomer();
            s.delete(ada);
            s.commit();
            show("4. Deleting Ada: her order's reference is set to NULL before her row goes", s);
        }
        try (Session s = sf.openSession()) {
            Category root = new Category("all");
            Category books = root.child("books");
            books.child("novels").child("crime");
            books.child("poetry");
            root.child("music");
            s.add(root);
            s.commit();
            show("5. A tree of depth 4: one INSERT batch per level, each level's keys in the next", s);
        }
        try (Session s = sf.openSession()) {
            Category books = s.query(Category.class).where(Category_.name.eq("books")).one();
            s.delete(books);
            s.commit();
            show("6. Deleting 'books' (orphan removal): its subtree, leaves first", s);
        }
    }

    /** Prints a step: the last flush's plan when the step flushed, and with --explain its SQL. */
    private void show(String title, Session s) {
        out.println(title);
        List<String> ran;
        synchronized (sql) {
            ran = List.copyOf(sql);
            sql.clear();
        }
        boolean wrote = ran.stream().anyMatch(r -> !r.startsWith(StatementKind.SELECT.name()));
        if (wrote) {
            out.println("   plan: " + String.join(" | ", s.lastFlushPlan()));
        }
        out.println("   statements: " + ran.size());
        if (explain) {
            ran.forEach(r -> out.println("     " + r));
        }
    }
}
