package io.athanor.orm.relationships;

import io.athanor.orm.SessionFactory;
import io.athanor.orm.model.rel.Category;
import io.athanor.orm.model.rel.Customer;
import io.athanor.orm.model.rel.House;
import io.athanor.orm.model.rel.Person;
import io.athanor.orm.model.rel.PurchaseOrder;
import io.athanor.orm.model.rel.Review;
import io.athanor.orm.model.rel.Ticket;
import io.athanor.sql.Database;
import io.athanor.sql.StatementKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A factory of the relationship model on a fresh SQLite file, children listed before their parents,
 * recording every statement.
 */
final class RelationshipFixture implements AutoCloseable {
    record Executed(String sql, StatementKind kind, int rows) {
    }

    final List<Executed> statements = Collections.synchronizedList(new ArrayList<>());
    final Database database;
    final SessionFactory factory;

    RelationshipFixture(Path dir) {
        database = Database.builder().url("jdbc:sqlite:" + dir.resolve("rel.db"))
                .listener((sql, kind, rows, values) -> statements.add(new Executed(sql, kind, rows))).build();
        factory = SessionFactory.builder().database(database)
                .entities(PurchaseOrder.class, Ticket.class, Review.class, Customer.class, Category.class, House.class, Person.class)
                .build();
        factory.createTables();
        statements.clear();
    }

    void reset() {
        statements.clear();
    }

    /** The statements since the last reset, as {@code KIND table} strings in order. */
    List<String> writes() {
        synchronized (statements) {
            return statements.stream().filter(e -> e.kind() != StatementKind.SELECT)
                    .map(e -> e.kind() + " " + table(e.sql())).toList();
        }
    }

    List<Executed> of(StatementKind kind) {
        synchronized (statements) {
            return statements.stream().filter(e -> e.kind() == kind).toList();
        }
    }

    private static String table(String sql) {
        int q = sql.indexOf('"');
        return q < 0 ? sql : sql.substring(q + 1, sql.indexOf('"', q + 1));
    }

    @Override
    public void close() {
        factory.close();
        database.close();
    }
}
