package io.athanor.samples.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.orm.SchemaMismatchException;
import io.athanor.orm.Session;
import io.athanor.orm.SessionFactory;
import io.athanor.samples.schema.v2.Note;
import io.athanor.sql.Database;
import io.athanor.test.kit.KitTarget;
import io.athanor.test.kit.KitTargets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flyway workflow of docs/schema.md on SQLite, PostgreSQL and MariaDB: version 1 of the note
 * table created through Flyway from Athanor's script, rows added, version 2's script written,
 * applied by Flyway and validated; the old rows keep their data and take the script's default; a
 * second migrate applies nothing and the schema stays clean.
 */
class FlywayWorkflowTest {
    @TempDir
    Path dir;

    @Test
    void sqlite() {
        try (KitTarget target = KitTargets.sqlite(dir)) {
            evolve(target);
        }
    }

    @Test
    void postgresql() {
        try (KitTarget target = KitTargets.postgresql()) {
            evolve(target);
        }
    }

    @Test
    void mariadb() {
        try (KitTarget target = KitTargets.mariadb()) {
            evolve(target);
        }
    }

    @Test
    void mainRunsBothReleasesOnSqlite() throws IOException {
        FlywayWorkflow.main(new String[] {dir.toString()});
        try (var files = Files.list(dir.resolve("migrations"))) {
            assertEquals(List.of("V1__create_note.sql", "V2__note_priority_tag.sql"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    private void evolve(KitTarget target) {
        try (Database db = target.open()) {
            FlywayWorkflow workflow = new FlywayWorkflow(db, dir.resolve("migrations-" + target.name()));

            Path v1 = workflow.writeMigration(1, "create_note", io.athanor.samples.schema.v1.Note.class).orElseThrow();
            assertTrue(read(v1).contains("CREATE TABLE"), read(v1));
            assertEquals(1, workflow.migrate());
            try (SessionFactory sf = workflow.open(io.athanor.samples.schema.v1.Note.class); Session s = sf.openSession()) {
                s.add(new io.athanor.samples.schema.v1.Note("first"));
                s.add(new io.athanor.samples.schema.v1.Note("second"));
                s.commit();
            }
            SchemaMismatchException before = assertThrows(SchemaMismatchException.class, () -> workflow.open(Note.class));
            assertEquals(2, before.errors().size(), before.getMessage());

            Path v2 = workflow.writeMigration(2, "note_priority_tag", Note.class).orElseThrow();
            assertTrue(read(v2).contains("DEFAULT 0"), read(v2));
            assertEquals(1, workflow.migrate());
            try (SessionFactory sf = workflow.open(Note.class); Session s = sf.openSession()) {
                List<Note> notes = s.query(Note.class).list().stream().sorted(Comparator.comparing(Note::getId)).toList();
                assertEquals(List.of("first", "second"), notes.stream().map(Note::getText).toList());
                for (Note n : notes) {
                    assertEquals(0, n.getPriority());
                    assertNull(n.getTag());
                }
                s.add(new Note("third", 3, "new"));
                s.commit();
                assertEquals(3, s.query(Note.class).count());
            }

            assertEquals(0, workflow.migrate(), "Flyway applies nothing the second time");
            MigrationInfo[] applied = workflow.flyway().info().applied();
            assertEquals(List.of("1", "2"), List.of(applied).stream().map(m -> m.getVersion().getVersion()).toList());
            try (SessionFactory sf = workflow.open(Note.class)) {
                assertEquals(List.of(), sf.schema().differences());
            }
            assertTrue(workflow.writeMigration(3, "nothing", Note.class).isEmpty(), "no script once the schema matches");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
