package io.athanor.test.kit;

import io.athanor.orm.SessionFactory;
import io.athanor.sql.Sql;
import io.athanor.test.kit.entities.KitAccount;
import io.athanor.test.kit.entities.KitGadget;
import io.athanor.test.kit.entities.KitStuff;
import io.athanor.test.kit.entities.KitStuff_;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the ORM suites share: a {@link SessionFactory} over the test's database mapping the kit's
 * entities, with their tables created, and helpers to seed and read rows without the session.
 */
public abstract class OrmKitSuite extends KitSuite {
    /** The factory for this test (expire-on-commit and autoflush on). */
    protected SessionFactory factory;
    private final List<SessionFactory> extra = new ArrayList<>();

    @Override
    protected void prepare() {
        factory = newFactory(b -> { });
        factory.createTables();
    }

    @Override
    protected void finish() {
        extra.forEach(SessionFactory::close);
        extra.clear();
    }

    /** Another factory over the same database with other settings (closed after the test). */
    protected SessionFactory newFactory(Consumer<SessionFactory.Builder> settings) {
        SessionFactory.Builder b = SessionFactory.builder().database(db)
                .entities(KitStuff.class, KitAccount.class, KitGadget.class);
        settings.accept(b);
        SessionFactory f = b.build();
        extra.add(f);
        return f;
    }

    /** Inserts {@code n} stuff rows (foo = i, name = "n" + i, rank null) through the SQL layer, one batch. */
    protected void seedStuff(int n) {
        List<Object[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(new Object[] {i, "n" + i});
        }
        db.inTransaction(tx -> tx.executeBatch(db.compile(Sql.insertInto(KitStuff_.TABLE)
                .set(KitStuff_.foo, Sql.param(0, Integer.class)).set(KitStuff_.name, Sql.param(1, String.class))), rows));
        log.clear();
    }

    /** The foos in the database, by id. */
    protected List<Integer> foosInDatabase() {
        return db.query(Sql.select(KitStuff_.foo).from(KitStuff_.TABLE).orderBy(KitStuff_.id.asc()), r -> r.get(KitStuff_.foo));
    }
}
