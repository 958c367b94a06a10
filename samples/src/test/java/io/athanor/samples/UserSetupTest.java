package io.athanor.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.Session;
import io.athanor.orm.SessionFactory;
import io.athanor.orm.enhance.EnhancedEntity;
import io.athanor.sql.Column;
import io.athanor.sql.StatementKind;
import io.athanor.sql.Database;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the user setup of the README: this module is built exactly as it tells users to (orm-core
 * as a dependency, which brings the metamodel processor; the byte-buddy-maven-plugin running
 * EntityEnhancer), so Stuff_ exists and Stuff is enhanced.
 */
class UserSetupTest {
    @TempDir
    Path dir;

    @Test
    void theProcessorGeneratedTheMetamodel() {
        Column<Integer> foo = Stuff_.foo;
        assertEquals("stuff", Stuff_.TABLE.name());
        assertEquals(List.of("id", "foo", "name", "version", "shelf_id"), Stuff_.TABLE.columns().stream().map(Column::name).toList());
        assertEquals(Integer.class, foo.type());
    }

    @Test
    void theEnhancerRewroteTheEntitySoChangesAreTrackedPerColumn() {
        assertTrue(EnhancedEntity.class.isAssignableFrom(Stuff.class));
        List<String> updates = new ArrayList<>();
        try (Database db = Database.builder().url("jdbc:sqlite:" + dir.resolve("u.db"))
                .listener((sql, kind, rows, values) -> {
                    if (kind == StatementKind.UPDATE) {
                        updates.add(sql);
                    }
                }).build();
                SessionFactory sf = SessionFactory.builder().database(db).entities(Stuff.class, Shelf.class).build()) {
            sf.createTables();
            try (Session s = sf.openSession()) {
                s.add(new Stuff(1, "one"));
                s.commit();
                Stuff stuff = s.query(Stuff.class).one();
                stuff.setFoo(2);
                s.commit();
                assertEquals(2, stuff.getFoo());
                assertEquals(1, stuff.getVersion());
            }
        }
        assertEquals(List.of("UPDATE \"stuff\" SET \"foo\" = ?, \"version\" = ? WHERE \"id\" = ? AND \"version\" = ?"), updates);
    }
}
