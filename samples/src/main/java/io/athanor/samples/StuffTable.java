package io.athanor.samples;

import io.athanor.sql.CompiledSql;
import io.athanor.sql.Database;
import io.athanor.sql.Sql;
import java.util.ArrayList;
import java.util.List;

/**
 * The starting data every method begins from: N rows with {@code foo = i % 1000},
 * {@code name = "stuff-i"}, kept on one of {@value #SHELVES} shelves (on floors 0 to
 * {@value #FLOORS} - 1), and the check that a method added exactly 1 to every foo.
 */
final class StuffTable {
    static final int SHELVES = 10;
    static final int FLOORS = 5;
    private final Database database;
    private final int rows;

    StuffTable(Database database, int rows) {
        this.database = database;
        this.rows = rows;
    }

    /** Empties the table and inserts the starting rows in one batched transaction. */
    void reset() {
        database.inTransaction(tx -> {
            tx.execute(Sql.deleteFrom(Stuff_.TABLE));
            tx.execute(Sql.deleteFrom(Shelf_.TABLE));
            CompiledSql shelf = database.compile(Sql.insertInto(Shelf_.TABLE).set(Shelf_.id, Sql.param(0, Long.class))
                    .set(Shelf_.name, Sql.param(1, String.class)).set(Shelf_.floor, Sql.param(2, Integer.class)));
            List<Object[]> shelves = new ArrayList<>();
            for (long id = 1; id <= SHELVES; id++) {
                shelves.add(new Object[] {id, "shelf-" + id, (int) (id % FLOORS)});
            }
            tx.executeBatch(shelf, shelves);
            CompiledSql insert = database.compile(Sql.insertInto(Stuff_.TABLE)
                    .set(Stuff_.id, Sql.param(0, Long.class))
                    .set(Stuff_.foo, Sql.param(1, Integer.class))
                    .set(Stuff_.name, Sql.param(2, String.class))
                    .set(Stuff_.version, Sql.param(3, Integer.class))
                    .set(Stuff_.shelf.column(Long.class), Sql.param(4, Long.class)));
            List<Object[]> batch = new ArrayList<>(10_000);
            for (int i = 1; i <= rows; i++) {
                batch.add(new Object[] {(long) i, initialFoo(i), "stuff-" + i, 0, 1L + i % SHELVES});
                if (batch.size() == 10_000 || i == rows) {
                    tx.executeBatch(insert, batch);
                    batch.clear();
                }
            }
            return null;
        });
    }

    int rows() {
        return rows;
    }

    static int initialFoo(long id) {
        return (int) (id % 1000);
    }

    /** The number of rows whose foo is not its starting value plus one (0 means the method was right). */
    long wrongRows() {
        List<Object[]> all = database.query(Sql.select(Stuff_.id, Stuff_.foo).from(Stuff_.TABLE),
                r -> new Object[] {r.get(Stuff_.id), r.get(Stuff_.foo)});
        long wrong = Math.abs(all.size() - rows);
        for (Object[] row : all) {
            if ((Integer) row[1] != initialFoo((Long) row[0]) + 1) {
                wrong++;
            }
        }
        return wrong;
    }
}
