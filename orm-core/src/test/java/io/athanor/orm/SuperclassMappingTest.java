package io.athanor.orm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.enhance.EnhancedEntity;
import io.athanor.orm.enhance.EnhancedProperties;
import io.athanor.orm.internal.mapping.MappingReader;
import io.athanor.orm.model.Label;
import io.athanor.orm.model.Label_;
import io.athanor.orm.model.Memo;
import io.athanor.orm.model.Memo_;
import io.athanor.orm.model.base.Audited;
import io.athanor.sql.Database;
import io.athanor.sql.Sql;
import io.athanor.sql.StatementKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fields of a plain superclass ({@link Audited}: the id, the version and audit fields, in another
 * package) are mapped like the entity's own, first, by the processor, the enhancer and the runtime
 * alike; and changes made through the superclass's own methods or the entity's are tracked.
 */
class SuperclassMappingTest {
    @TempDir
    Path dir;
    Database db;
    SessionFactory sf;
    final List<String> updates = new ArrayList<>();

    @BeforeEach
    void open() {
        db = Database.builder().url("jdbc:sqlite:" + dir.resolve("s.db")).listener((sql, kind, rows, values) -> {
            if (kind == StatementKind.UPDATE) {
                updates.add(sql);
            }
        }).build();
        sf = SessionFactory.builder().database(db).entities(Memo.class, Label.class).build();
        sf.createTables();
    }

    @AfterEach
    void close() {
        sf.close();
        db.close();
    }

    @Test
    void superclassFieldsAreTheFirstColumnsInTheMetamodelAndAtRuntime() {
        List<String> expected = List.of("id", "created_at", "created_by", "version", "text");
        assertEquals(expected, Memo_.TABLE.columns().stream().map(c -> c.name()).toList());
        assertEquals(Memo_.TABLE.columns().toString(), MappingReader.read(Memo.class, 0).table().columns().toString());
        assertTrue(Memo_.id.isPrimaryKey() && Memo_.id.isGenerated());
        assertFalse(Memo_.version.isNullable());
        assertEquals(List.of("id", "created_at", "created_by", "version", "name"),
                Label_.TABLE.columns().stream().map(c -> c.name()).toList());
    }

    @Test
    void theSuperclassIsEnhancedOnceWithTheNumbersEveryEntityExtendingItUses() {
        assertTrue(EnhancedEntity.class.isAssignableFrom(Memo.class));
        assertFalse(EnhancedEntity.class.isAssignableFrom(Audited.class), "the interceptor lives in the entity");
        String[] base = {"id", "createdAt", "createdBy", "version"};
        assertArrayEquals(base, Audited.class.getDeclaredAnnotation(EnhancedProperties.class).value());
        assertArrayEquals(new String[] {"id", "createdAt", "createdBy", "version", "text"},
                Memo.class.getDeclaredAnnotation(EnhancedProperties.class).value());
        assertArrayEquals(new String[] {"id", "createdAt", "createdBy", "version", "name"},
                Label.class.getDeclaredAnnotation(EnhancedProperties.class).value());
    }

    @Test
    void idAndVersionFromTheSuperclassAreGeneratedAndChecked() {
        Memo memo = new Memo("hello");
        try (Session s = sf.openSession()) {
            s.add(memo);
            s.add(new Label("red"));
            s.commit();
            assertNotNull(memo.getId());
            assertEquals(1L, memo.getVersion());
        }
        assertEquals(List.of("hello"), db.query(Sql.select(Memo_.text).from(Memo_.TABLE), r -> r.get(Memo_.text)));
    }

    @Test
    void aChangeMadeByTheSuperclassesOwnSetterIsTrackedAndWritten() {
        Long id = insertMemo("hello");
        try (Session s = sf.openSession()) {
            Memo memo = s.get(Memo.class, id);
            updates.clear();
            memo.setCreatedBy("ann");
            assertTrue(s.isDirty(memo));
            s.commit();
            assertEquals(List.of("UPDATE \"memo\" SET \"created_by\" = ?, \"version\" = ? WHERE \"id\" = ? AND \"version\" = ?"),
                    updates);
        }
        assertEquals(List.of("ann"), db.query(Sql.select(Memo_.createdBy).from(Memo_.TABLE), r -> r.get(Memo_.createdBy)));
    }

    @Test
    void aChangeToAnInheritedFieldMadeByTheEntitysOwnCodeIsTracked() {
        Long id = insertMemo("hello");
        Instant at = Instant.parse("2024-05-06T07:08:09Z");
        try (Session s = sf.openSession()) {
            Memo memo = s.get(Memo.class, id);
            memo.stamp(at);
            assertTrue(s.isDirty(memo));
            s.commit();
        }
        assertEquals(List.of(at), db.query(Sql.select(Memo_.createdAt).from(Memo_.TABLE), r -> r.get(Memo_.createdAt)));
    }

    @Test
    void anExpiredInheritedFieldReloadsWhenTheSuperclassesGetterReadsIt() {
        Long id = insertMemo("hello");
        try (Session s = sf.openSession()) {
            Memo memo = s.get(Memo.class, id);
            assertEquals(null, memo.getCreatedBy());
            s.execute(Sql.update(Memo_.TABLE).set(Memo_.createdBy, "bob").where(Memo_.id.eq(id)));
            s.expire(memo);
            assertEquals("bob", memo.getCreatedBy());
            s.commit();
            db.inTransaction(tx -> tx.execute(Sql.update(Memo_.TABLE).set(Memo_.createdBy, "cid")));
            assertEquals("cid", memo.getCreatedBy(), "commit expired it; the superclass getter reloads it");
        }
    }

    @Test
    void twoEntitiesSharingTheSuperclassAreTrackedIndependently() {
        try (Session s = sf.openSession()) {
            Memo memo = new Memo("m");
            Label label = new Label("l");
            s.add(memo);
            s.add(label);
            s.commit();
            updates.clear();
            label.setCreatedBy("lena");
            assertTrue(s.isDirty(label));
            assertFalse(s.isDirty(memo));
            s.commit();
            assertEquals(1, updates.size());
            assertTrue(updates.get(0).startsWith("UPDATE \"label\""), updates.toString());
            assertEquals(null, memo.getCreatedBy());
            assertEquals("lena", label.getCreatedBy());
        }
    }

    private Long insertMemo(String text) {
        try (Session s = sf.openSession()) {
            Memo memo = new Memo(text);
            s.add(memo);
            s.commit();
            updates.clear();
            return memo.getId();
        }
    }
}
