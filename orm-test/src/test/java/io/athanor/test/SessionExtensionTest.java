package io.athanor.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.Session;
import io.athanor.orm.SessionFactory;
import io.athanor.sql.Sql;
import io.athanor.test.kit.entities.KitStuff;
import io.athanor.test.kit.entities.KitStuff_;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each test gets its own session, and what it flushed is gone when the next test starts. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionExtensionTest {
    static Path dir;
    static SessionFactory factory;
    static Session previous;

    @RegisterExtension
    static SessionExtension sessions = SessionExtension.using(() -> factory);

    @BeforeAll
    static void open() throws Exception {
        dir = Files.createTempDirectory("athanor-ext");
        factory = SessionFactory.builder().url("jdbc:sqlite:" + dir.resolve("x.db")).entities(KitStuff.class).build();
        factory.createTables();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    private static long rows() {
        return factory.database().query(Sql.select(Sql.count()).from(KitStuff_.TABLE), r -> r.<Long>get(0)).get(0);
    }

    @Test
    @Order(1)
    void aTestsFlushedWorkIsVisibleInsideItsSession(Session session) {
        session.add(new KitStuff(1, "first"));
        session.flush();
        assertEquals(1, session.query(KitStuff.class).count());
        previous = session;
    }

    @Test
    @Order(2)
    void theNextTestStartsWithAFreshSessionAndNoneOfThatWork(Session session) {
        assertNotSame(previous, session);
        assertEquals(0, session.query(KitStuff.class).count());
        assertEquals(0, rows());
        assertTrue(session.query(KitStuff.class).list().isEmpty());
    }
}
