package io.athanor.orm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.athanor.orm.model.Stuff;
import io.athanor.orm.model.Stuff_;
import io.athanor.sql.Sql;
import io.athanor.sql.StatementKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One bulk statement over a session holding 100,000 objects: every object ends up right. */
class BulkLargeSessionTest {
    static final int ROWS = 100_000;

    @TempDir
    Path dir;
    OrmFixture orm;

    @BeforeEach
    void open() {
        orm = new OrmFixture(dir);
        orm.seedStuff(ROWS);
    }

    @AfterEach
    void close() {
        orm.close();
    }

    private void updateEveryOddRowAndCheckEveryObject(Synchronize mode) {
        try (Session s = orm.factory.openSession()) {
            List<Stuff> all = s.query(Stuff.class).orderBy(Stuff_.id.asc()).list();
            assertEquals(ROWS, all.size());
            orm.reset();
            long n = s.query(Stuff.class).where(Stuff_.foo.mod(2).eq(1)).update(Map.of(Stuff_.foo, Stuff_.foo.plus(1)), mode);
            assertEquals(ROWS / 2, n);
            assertEquals(1, orm.statements.size(), mode + ": one statement, " + orm.statements);
            assertEquals(StatementKind.UPDATE, orm.statements.get(0).kind());
            for (int i = 0; i < ROWS; i++) {
                int expected = i % 2 == 1 ? i + 1 : i;
                assertEquals(expected, all.get(i).getFoo(), mode + " object " + i);
            }
            assertEquals(1, orm.statements.size(), mode + ": no reloads");
            s.commit();
        }
        List<Integer> db = orm.database.query(Sql.select(Stuff_.foo).from(Stuff_.TABLE).orderBy(Stuff_.id.asc()), r -> r.get(Stuff_.foo));
        for (int i = 0; i < ROWS; i++) {
            assertEquals(i % 2 == 1 ? i + 1 : i, db.get(i), mode + " row " + i);
        }
    }

    @Test
    void evaluateKeepsEveryOneOfAHundredThousandObjectsRight() {
        updateEveryOddRowAndCheckEveryObject(Synchronize.EVALUATE);
    }

    @Test
    void fetchKeepsEveryOneOfAHundredThousandObjectsRight() {
        updateEveryOddRowAndCheckEveryObject(Synchronize.FETCH);
    }
}
