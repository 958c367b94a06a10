package io.athanor.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values that would break concatenated SQL are bound, so they round-trip and change nothing else. */
class HostileValuesTest {
    static final List<String> HOSTILE = List.of("'", "''", "\"", "'; DROP TABLE notes; --", "a; b", "-- comment",
            "/* open comment", "*/", "\0", "nul\0inside", "\\", "\\'", "%", "_", "?", "$1", ":name",
            "' OR '1'='1", "\r\n", "\u2028", "` backtick");

    static final Table NOTES = Table.builder("notes")
            .column("id", Long.class, ColumnOption.PRIMARY_KEY, ColumnOption.GENERATED)
            .column("body", String.class)
            .build();
    static final Column<Long> ID = NOTES.column("id", Long.class);
    static final Column<String> BODY = NOTES.column("body", String.class);

    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() {
        db = SqliteFiles.open(dir);
        db.createTables(NOTES);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void hostileStringsRoundTripUnchangedAndEachMatchesOnlyItself() {
        for (String s : HOSTILE) {
            db.execute(Sql.insertInto(NOTES).set(BODY, s));
        }
        assertEquals(HOSTILE, db.query(Sql.select(BODY).from(NOTES).orderBy(ID.asc()), r -> r.get(BODY)));
        for (String s : HOSTILE) {
            assertEquals(List.of(s), db.query(Sql.select(BODY).from(NOTES).where(BODY.eq(s)), r -> r.get(BODY)), s);
        }
    }

    @Test
    void hostileValuesInUpdateAndDeleteCriteriaTouchOnlyTheirRows() {
        for (String s : HOSTILE) {
            db.execute(Sql.insertInto(NOTES).set(BODY, s));
        }
        long updated = db.execute(Sql.update(NOTES).set(BODY, "fixed").where(BODY.eq("' OR '1'='1")));
        long deleted = db.execute(Sql.deleteFrom(NOTES).where(BODY.eq("'; DROP TABLE notes; --")));
        assertEquals(1, updated);
        assertEquals(1, deleted);
        List<String> expected = new ArrayList<>(HOSTILE);
        expected.set(expected.indexOf("' OR '1'='1"), "fixed");
        expected.remove("'; DROP TABLE notes; --");
        assertEquals(expected, db.query(Sql.select(BODY).from(NOTES).orderBy(ID.asc()), r -> r.get(BODY)));
    }

    @Test
    void reservedWordsAndQuotesInIdentifiersWork() {
        Table weird = Table.builder("order")
                .column("select", Long.class, ColumnOption.PRIMARY_KEY, ColumnOption.GENERATED)
                .column("group", String.class)
                .column("we\"ird col", Integer.class)
                .column("where", String.class, ColumnOption.UNIQUE)
                .build();
        Column<String> group = weird.column("group", String.class);
        Column<Integer> quoted = weird.column("we\"ird col", Integer.class);
        Column<String> where = weird.column("where", String.class);
        db.createTables(weird);
        db.execute(Sql.insertInto(weird).set(group, "g").set(quoted, 1).set(where, "w"));
        db.execute(Sql.update(weird).set(quoted, quoted.plus(41)).where(group.eq("g")));
        assertEquals(List.of(42), db.query(Sql.select(quoted).from(weird).where(where.eq("w")), r -> r.get(quoted)));
    }
}
