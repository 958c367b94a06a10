package io.athanor.test.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.Session;
import io.athanor.orm.SessionFactory;
import io.athanor.sql.Sql;
import io.athanor.test.kit.entities.KitNote;
import io.athanor.test.kit.entities.KitNote_;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mapping rules on one dialect: fields of a plain superclass (the id and version included)
 * are columns like the entity's own, created, written, tracked and reloaded. Subclass it and return
 * your database from {@link #target()}.
 */
public abstract class MappingSuite extends KitSuite {
    private SessionFactory factory;

    @Override
    protected void prepare() {
        factory = SessionFactory.builder().database(db).entities(KitNote.class).build();
        factory.createTables();
    }

    @Override
    protected void finish() {
        factory.close();
    }

    private Long insert(String text, String by, Instant at) {
        try (Session s = factory.openSession()) {
            KitNote note = new KitNote(text);
            note.setCreatedBy(by);
            note.stamp(at);
            s.add(note);
            s.commit();
            assertNotNull(note.getId(), "the id declared in the superclass is generated");
            assertEquals(1, note.getVersion());
            return note.getId();
        }
    }

    private List<Object> row(Long id) {
        return db.query(Sql.select(KitNote_.createdAt, KitNote_.createdBy, KitNote_.version, KitNote_.text)
                .from(KitNote_.TABLE).where(KitNote_.id.eq(id)),
                r -> List.<Object>of(r.get(KitNote_.createdAt), r.get(KitNote_.createdBy), r.get(KitNote_.version), r.get(KitNote_.text)))
                .get(0);
    }

    @Test
    void superclassFieldsAreTheFirstColumnsAndAreStored() {
        assertEquals(List.of("id", "created_at", "created_by", "version", "text"),
                KitNote_.TABLE.columns().stream().map(c -> c.name()).toList());
        Instant at = Instant.parse("2024-05-06T07:08:09Z");
        Long id = insert("hello", "ann", at);
        assertEquals(List.of(at, "ann", 1, "hello"), row(id));
    }

    @Test
    void changesThroughTheSuperclassAndTheEntityAreWrittenWithTheInheritedVersionChecked() {
        Long id = insert("hello", "ann", Instant.parse("2024-05-06T07:08:09Z"));
        Instant later = Instant.parse("2025-01-02T03:04:05Z");
        try (Session s = factory.openSession()) {
            KitNote note = s.get(KitNote.class, id);
            note.setCreatedBy("bob");
            note.stamp(later);
            assertTrue(s.isDirty(note));
            s.commit();
        }
        assertEquals(List.of(later, "bob", 2, "hello"), row(id));
    }

    @Test
    void anInheritedFieldExpiredByCommitReloadsWhenTheSuperclassReadsIt() {
        Long id = insert("hello", "ann", Instant.parse("2024-05-06T07:08:09Z"));
        try (Session s = factory.openSession()) {
            KitNote note = s.get(KitNote.class, id);
            assertEquals("ann", note.getCreatedBy());
            s.commit();
            db.inTransaction(tx -> tx.execute(Sql.update(KitNote_.TABLE).set(KitNote_.createdBy, "cid")
                    .where(KitNote_.id.eq(id))));
            assertEquals("cid", note.getCreatedBy());
        }
    }
}
