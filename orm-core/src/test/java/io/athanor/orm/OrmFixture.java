package io.athanor.orm;

import io.athanor.orm.model.Account;
import io.athanor.orm.model.Gadget;
import io.athanor.orm.model.Stuff;
import io.athanor.orm.model.Stuff_;
import io.athanor.sql.Database;
import io.athanor.sql.StatementKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/** A SessionFactory on a fresh SQLite file, recording every statement it runs. */
public final class OrmFixture implements AutoCloseable {
    /** One executed statement: its SQL, kind and number of batched rows. */
    public record Executed(String sql, StatementKind kind, int rows) {
    }

    public final List<Executed> statements = Collections.synchronizedList(new ArrayList<>());
    public final Database database;
    public final SessionFactory factory;

    public OrmFixture(Path dir) {
        this(dir, b -> { });
    }

    public OrmFixture(Path dir, Consumer<SessionFactory.Builder> settings) {
        database = Database.builder().url("jdbc:sqlite:" + dir.resolve("orm.db"))
                .listener((sql, kind, rows, values) -> statements.add(new Executed(sql, kind, rows))).build();
        SessionFactory.Builder b = SessionFactory.builder().database(database).entities(Stuff.class, Account.class, Gadget.class);
        settings.accept(b);
        factory = b.build();
        factory.createTables();
        statements.clear();
    }

    /** Statements of that kind since the last {@link #reset()}. */
    public List<Executed> of(StatementKind kind) {
        synchronized (statements) {
            return statements.stream().filter(e -> e.kind() == kind).toList();
        }
    }

    public void reset() {
        statements.clear();
    }

    /** Inserts {@code n} Stuff rows (foo = i, name = "n" + i) through the SQL layer and returns nothing loaded. */
    public void seedStuff(int n) {
        database.inTransaction(tx -> {
            var insert = io.athanor.sql.Sql.insertInto(Stuff_.TABLE)
                    .set(Stuff_.foo, io.athanor.sql.Sql.param(0, Integer.class))
                    .set(Stuff_.name, io.athanor.sql.Sql.param(1, String.class));
            List<Object[]> rows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                rows.add(new Object[] {i, "n" + i});
            }
            return tx.executeBatch(database.compile(insert), rows);
        });
        reset();
    }

    @Override
    public void close() {
        factory.close();
        database.close();
    }
}
