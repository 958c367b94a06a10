package io.athanor.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.athanor.sql.dialect.SqliteDialect;
import io.athanor.sql.spi.StorageRules;
import java.nio.file.Path;
import java.sql.SQLDataException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A value no column can hold is refused while binding, before the statement runs, naming what it was bound for. */
class BindRefusalTest {
    static final Table EVENTS = Table.builder("events")
            .column("id", Long.class, ColumnOption.PRIMARY_KEY, ColumnOption.GENERATED)
            .column("at", Instant.class).column("label", String.class).column("score", Double.class)
            .build();
    static final Column<Instant> AT = EVENTS.column("at", Instant.class);
    static final Column<String> LABEL = EVENTS.column("label", String.class);
    static final Column<Double> SCORE = EVENTS.column("score", Double.class);

    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() {
        db = SqliteFiles.open(dir);
        db.createTables(EVENTS);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aValueSetInAColumnIsRefusedNamingTheColumnAndTheValueWithSqlStateClass22() {
        SqlException e = assertThrows(SqlException.class, () -> db.execute(Sql.insertInto(EVENTS).set(AT, Instant.MAX)));
        assertTrue(e.getMessage().startsWith("column events.at: the value " + Instant.MAX + " is out of range"), e.getMessage());
        assertEquals(StorageRules.DATETIME_OUT_OF_RANGE, e.sqlState());
        assertInstanceOf(SQLDataException.class, e.getCause());
        e = assertThrows(SqlException.class, () -> db.execute(Sql.update(EVENTS).set(LABEL, "ab\uD800")));
        assertTrue(e.getMessage().startsWith("column events.label: the string 'ab\\uD800' has a lone surrogate at index 2"),
                e.getMessage());
        assertEquals(StorageRules.CHARACTER_NOT_IN_REPERTOIRE, e.sqlState());
        e = assertThrows(SqlException.class, () -> db.execute(Sql.insertInto(EVENTS).set(SCORE, Double.NaN)));
        assertTrue(e.getMessage().startsWith("column events.score: the value NaN cannot be stored: SQLite REAL has no NaN"),
                e.getMessage());
        assertEquals(0L, db.query(Sql.select(Sql.count()).from(EVENTS), r -> r.<Long>get(0)).get(0));
    }

    @Test
    void aValueComparedWithAColumnNamesTheColumnAndOtherwiseItsPosition() {
        SqlException e = assertThrows(SqlException.class, () -> db.query(Sql.select(AT).from(EVENTS)
                .where(LABEL.eq("a").and(AT.lt(Instant.MIN))), r -> r.get(AT)));
        assertTrue(e.getMessage().startsWith("column events.at: the value " + Instant.MIN), e.getMessage());
        e = assertThrows(SqlException.class, () -> db.query(Sql.select(LABEL.concat("\uDC00")).from(EVENTS),
                r -> r.get(0)));
        assertTrue(e.getMessage().startsWith("parameter 1: the string '\\uDC00'"), e.getMessage());
        e = assertThrows(SqlException.class, () -> db.query(Sql.select(LABEL).from(EVENTS)
                .where(LABEL.like("x\uD800%", '!')), r -> r.get(0)));
        assertTrue(e.getMessage().startsWith("parameter 1: the string 'x\\uD800%'"), e.getMessage());
    }

    @Test
    void aPlaceholderFilledPerRowIsCheckedForEachRowOfABatch() {
        CompiledSql insert = db.compile(Sql.insertInto(EVENTS).set(AT, Sql.param(0, Instant.class)));
        SqlException e = assertThrows(SqlException.class, () -> db.inTransaction(tx -> tx.executeBatch(insert,
                List.of(new Object[] {Instant.EPOCH}, new Object[] {Instant.parse("-0001-01-01T00:00:00Z")}))));
        assertTrue(e.getMessage().startsWith("column events.at: the value -0001-01-01T00:00:00Z is out of range:"
                + " SQLite instant text holds 0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z"), e.getMessage());
        assertEquals(0L, db.query(Sql.select(Sql.count()).from(EVENTS), r -> r.<Long>get(0)).get(0));
    }

    @Test
    void theStoredFormIsTheOneRuleTheBinderApplies() throws Exception {
        SqliteDialect sqlite = new SqliteDialect();
        assertEquals(0.0, sqlite.valueType(Double.class).stored(-0.0));
        db.execute(Sql.insertInto(EVENTS).set(SCORE, -0.0));
        assertEquals(List.of(0.0), db.query(Sql.select(SCORE).from(EVENTS), r -> r.get(SCORE)));
    }
}
