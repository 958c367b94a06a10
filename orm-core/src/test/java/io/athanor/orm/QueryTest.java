package io.athanor.orm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.model.Stuff;
import io.athanor.orm.model.Stuff_;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryTest {
    @TempDir
    Path dir;
    OrmFixture orm;

    @BeforeEach
    void open() {
        orm = new OrmFixture(dir);
        orm.seedStuff(10);
    }

    @AfterEach
    void close() {
        orm.close();
    }

    private static List<Integer> foos(List<Stuff> stuff) {
        return stuff.stream().map(Stuff::getFoo).toList();
    }

    @Test
    void repeatedWhereCriteriaAreAnded() {
        try (Session s = orm.factory.openSession()) {
            assertEquals(List.of(3, 4), foos(s.query(Stuff.class).where(Stuff_.foo.ge(3)).where(Stuff_.foo.le(4))
                    .orderBy(Stuff_.foo.asc()).list()));
        }
    }

    @Test
    void orderLimitAndOffsetPage() {
        try (Session s = orm.factory.openSession()) {
            assertEquals(List.of(7, 6), foos(s.query(Stuff.class).orderBy(Stuff_.foo.desc()).limit(2).offset(2).list()));
        }
    }

    @Test
    void firstCountAndOne() {
        try (Session s = orm.factory.openSession()) {
            assertEquals(9, s.query(Stuff.class).orderBy(Stuff_.foo.desc()).first().orElseThrow().getFoo());
            assertTrue(s.query(Stuff.class).where(Stuff_.foo.gt(100)).first().isEmpty());
            assertEquals(5, s.query(Stuff.class).where(Stuff_.foo.lt(5)).count());
            assertEquals("n4", s.query(Stuff.class).where(Stuff_.foo.eq(4)).one().getName());
        }
    }
}
