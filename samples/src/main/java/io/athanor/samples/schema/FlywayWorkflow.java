package io.athanor.samples.schema;

import io.athanor.orm.Session;
import io.athanor.orm.SessionFactory;
import io.athanor.samples.schema.v1.Note;
import io.athanor.sql.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * The workflow of docs/schema.md, "Workflow with Flyway": for each release, Athanor writes the
 * migration from the release's entity classes ({@code sf.schema().migrationScript()}) into
 * {@code V<n>__<description>.sql}; Flyway applies it and records it in its history table; the
 * release's {@link SessionFactory} then validates the schema at build. Athanor never executes the
 * script and Flyway never looks at the entities.
 *
 * <p>{@link #main} runs it on a fresh SQLite file: version 1 of {@link Note} creates the table through
 * {@code V1__create_note.sql} and adds rows; version 2
 * ({@link io.athanor.samples.schema.v2.Note}, with a NOT NULL {@code priority} and a nullable
 * {@code tag}) writes {@code V2__note_priority_tag.sql}, Flyway applies it, and the old rows read
 * back with the script's default.
 */
public final class FlywayWorkflow {
    private final Database database;
    private final Path migrations;

    /**
     * @param database the database to migrate (Flyway borrows its connections)
     * @param migrations the folder of {@code V<n>__*.sql} files, created when absent
     */
    public FlywayWorkflow(Database database, Path migrations) {
        this.database = database;
        this.migrations = migrations;
    }

    /**
     * Writes {@code V<version>__<description>.sql} with the DDL that brings the database, as it is
     * now, to {@code entities}. Run it after Flyway has applied every earlier version, or the script
     * would repeat their work.
     *
     * @return the file written, or empty (and nothing written) when the schema already matches
     */
    public Optional<Path> writeMigration(int version, String description, Class<?>... entities) {
        String script;
        try (SessionFactory sf = SessionFactory.builder().database(database).entities(entities).build()) {
            script = sf.schema().migrationScript();
        }
        if (script.isEmpty()) {
            return Optional.empty();
        }
        Path file = migrations.resolve("V" + version + "__" + description + ".sql");
        try {
            Files.createDirectories(migrations);
            Files.writeString(file, script);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the migration " + file + ": " + e.getMessage(), e);
        }
        return Optional.of(file);
    }

    /** Flyway on this database and migrations folder. */
    public Flyway flyway() {
        return Flyway.configure()
                .dataSource(database.dataSource())
                .locations("filesystem:" + migrations.toAbsolutePath())
                .load();
    }

    /** Lets Flyway apply every migration of the folder it has not recorded yet; returns how many it applied. */
    public int migrate() {
        return flyway().migrate().migrationsExecuted;
    }

    /** A factory of one release's entities that validates the schema at build (throws if it differs). */
    public SessionFactory open(Class<?>... entities) {
        return SessionFactory.builder().database(database).entities(entities).validateSchema(true).build();
    }

    /**
     * Runs both releases on a new SQLite file in {@code args[0]} (default: a new temporary folder),
     * printing each script.
     */
    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Files.createDirectories(Path.of(args[0])) : Files.createTempDirectory("athanor-flyway");
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("notes.db").toAbsolutePath())) {
            FlywayWorkflow workflow = new FlywayWorkflow(db, dir.resolve("migrations"));
            print(workflow.writeMigration(1, "create_note", Note.class));
            System.out.println("Flyway applied " + workflow.migrate() + " migration(s)");
            try (SessionFactory sf = workflow.open(Note.class); Session s = sf.openSession()) {
                s.add(new Note("written by version 1"));
                s.add(new Note("also by version 1"));
                s.commit();
            }
            Class<?> v2 = io.athanor.samples.schema.v2.Note.class;
            print(workflow.writeMigration(2, "note_priority_tag", v2));
            System.out.println("Flyway applied " + workflow.migrate() + " migration(s)");
            try (SessionFactory sf = workflow.open(v2); Session s = sf.openSession()) {
                for (io.athanor.samples.schema.v2.Note n : s.query(io.athanor.samples.schema.v2.Note.class).list()) {
                    System.out.println("note " + n.getId() + ": " + n.getText() + ", priority " + n.getPriority()
                            + ", tag " + n.getTag());
                }
            }
            System.out.println("Flyway applied " + workflow.migrate() + " migration(s) on a second run; files in " + dir);
        }
    }

    private static void print(Optional<Path> file) throws IOException {
        if (file.isPresent()) {
            System.out.println("-- " + file.get().getFileName() + "\n" + Files.readString(file.get()));
        }
    }
}
